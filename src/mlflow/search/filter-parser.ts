/**
 * What every MLflow search filter parser shares (mlflow/utils/search_utils.py): parse with sqlparse,
 * join `IN` / `NOT IN` comparisons, reject anything that is not a comparison or `AND`, and read the
 * three parts of each comparison.
 */
import { internalError, invalidParameter } from '../../errors/api-error.js';
import { PySyntaxError, PyValueError, literalEval } from './py-literal.js';
import { PyTuple, pyRepr, pyStr } from '../../errors/python-text.js';
import { parseSql } from './sql-parse.js';
import { type Tok, group, isA, isWhitespace, leaf, match, text } from './sql-tree.js';

export interface Clause {
  type: string;
  key: string;
  comparator: string;
  value: string | number | string[];
}

/** `_join_in_comparison_tokens`: glue `x IN (...)` and `x NOT IN (...)` into comparisons; drops whitespace. */
export function joinInComparisons(tokens: Tok[]): Tok[] {
  const nws = tokens.filter((t) => !isWhitespace(t));
  const out: Tok[] = [];
  let i = 0;
  while (i < nws.length) {
    const first = nws[i];
    if (nws.length - i < 3) {
      out.push(...nws.slice(i));
      break;
    }
    if (!isA(first, 'Identifier')) {
      out.push(first);
      i++;
      continue;
    }
    const [second, third] = [nws[i + 1], nws[i + 2]];
    if (match(second, 'Keyword', 'IN') && isA(third, 'Parenthesis')) {
      out.push(group('Comparison', [first, second, third]));
      i += 3;
      continue;
    }
    const fourth = nws[i + 3];
    if (fourth === undefined) {
      out.push(first, second, third);
      break;
    }
    if (match(second, 'Keyword', 'NOT') && match(third, 'Keyword', 'IN') && isA(fourth, 'Parenthesis')) {
      out.push(group('Comparison', [first, leaf('Keyword', 'NOT IN'), fourth]));
    } else out.push(first, second, third, fourth);
    i += 4;
  }
  return out;
}

/**
 * `parse_search_filter` + `_process_statement` up to the comparisons. `quoteInvalid`: search-runs
 * prints each invalid clause in quotes, the other searches do not.
 */
export function filterComparisons(filter: string | undefined, quoteInvalid: boolean): Tok[] {
  if (!filter) return [];
  const parsed = parseSql(filter);
  if (parsed.length === 0) throw invalidParameter(`Invalid filter '${filter}'. Could not be parsed.`);
  if (parsed.length > 1) {
    throw invalidParameter(
      `Search filter contained multiple expression ${pyStr(filter)}. Provide AND-ed expression list.`,
    );
  }
  const tokens = joinInComparisons(parsed[0].tokens!);
  const invalid = tokens.filter((t) => !(isA(t, 'Comparison') || isWhitespace(t) || match(t, 'Keyword', 'AND')));
  if (invalid.length > 0) {
    const clauses = invalid.map((t) => (quoteInvalid ? `'${text(t)}'` : text(t))).join(', ');
    throw invalidParameter(`Invalid clause(s) in filter string: ${clauses}`);
  }
  return tokens.filter((t) => isA(t, 'Comparison'));
}

/** `_validate_comparison`: [identifier, comparator, value] of one comparison. */
export function comparisonParts(comparison: Tok): [Tok, Tok, Tok] {
  const parts = comparison.tokens!.filter((t) => !isWhitespace(t));
  const base = 'Invalid comparison clause';
  if (parts.length !== 3) throw invalidParameter(`${base}. Expected 3 tokens found ${parts.length}`);
  if (!isA(parts[0], 'Identifier')) throw invalidParameter(`${base}. Expected 'Identifier' found '${text(parts[0])}'`);
  return parts as [Tok, Tok, Tok];
}

const isQuoted = (v: string, q: string) => v.length >= 2 && v.startsWith(q) && v.endsWith(q);

export const trimBackticks = (v: string): string => (isQuoted(v, '`') ? v.slice(1, -1) : v);

/** `_strip_quotes`: remove single or double quotes; when a quoted value is required, reject others. */
export function stripQuotes(v: string, expectQuoted = false): string {
  if (isQuoted(v, "'") || isQuoted(v, '"')) return v.slice(1, -1);
  if (expectQuoted) {
    throw invalidParameter(
      `Parameter value is either not quoted or unidentified quote types used for string value ${v}. Use either single or double quotes.`,
    );
  }
  return v;
}

export const isStringToken = (t: Tok): boolean => t.ttype === 'Literal.String.Single';
export const isNumberToken = (t: Tok): boolean =>
  t.ttype === 'Literal.Number.Integer' || t.ttype === 'Literal.Number.Float';
/** A quoted string value: a single-quoted literal or an identifier (double quotes, or an unquoted word). */
export const isStringLike = (t: Tok): boolean => isStringToken(t) || isA(t, 'Identifier');

/** Python's `str.islower()`. */
const isLower = (s: string): boolean => s.toLowerCase() === s && s.toUpperCase() !== s;

/** `_parse_run_ids`: the strings of a `('a', 'b')` list, keeping only lower-case ones (MySQL trick). */
export function parseStringList(token: Tok): string[] {
  let parsed: unknown;
  try {
    parsed = literalEval(text(token));
  } catch (e) {
    if (e instanceof PySyntaxError) {
      throw invalidParameter(
        'While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list.',
      );
    }
    if (e instanceof PyValueError) throw internalError(`malformed node or string: ${text(token)}`);
    throw e;
  }
  const items = parsed instanceof PyTuple ? parsed.items : [parsed];
  if (items.length === 0) {
    throw invalidParameter(
      'While parsing a list in the query, expected a non-empty list of string values, but got empty list',
    );
  }
  if (!items.every((x) => typeof x === 'string')) {
    throw invalidParameter(
      `While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: ${pyRepr(new PyTuple(items))}`,
    );
  }
  return (items as string[]).filter(isLower);
}
