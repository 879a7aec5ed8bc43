/**
 * Filters of the registry searches (`SearchModelUtils` / `SearchModelVersionUtils` and the registry
 * SQL store's filter clauses), the prompt exclusion, and tag matching.
 */
import { invalidParameter } from '../../errors/api-error.js';
import { compareSqlite, compareString } from './comparators.js';
import {
  type Clause,
  comparisonParts,
  filterComparisons,
  isNumberToken,
  isStringLike,
  parseStringList,
  stripQuotes,
  trimBackticks,
} from './filter-parser.js';
import { pySet } from '../../errors/python-text.js';
import { METRIC_COMPARATORS, STRING_COMPARATORS } from './runs-filter.js';
import { type Tok, isA, text } from './sql-tree.js';

export const IS_PROMPT_TAG = 'mlflow.prompt.is_prompt';
const MODEL_KEYS = ['name'];
const VERSION_KEYS = ['name', 'version_number', 'run_id', 'source_path'];
const VERSION_NUMERIC = ['version_number', 'creation_timestamp', 'last_updated_timestamp'];

function identifier(ident: string, valid: string[]): { type: string; key: string } {
  const dot = ident.indexOf('.');
  let type = 'attribute';
  let key = ident;
  if (dot >= 0) {
    const entity = ident.slice(0, dot);
    key = ident.slice(dot + 1);
    if (!['attribute', 'tag', 'tags'].includes(entity)) {
      throw invalidParameter(`Invalid entity type '${entity}'. Valid entity types are ('attribute', 'tag', 'tags')`);
    }
    type = entity === 'attribute' ? 'attribute' : 'tag';
  }
  if (type === 'attribute' && !valid.includes(key)) {
    throw invalidParameter(`Invalid attribute key '${key}' specified. Valid keys are '${pySet(valid)}'`);
  }
  return { type, key: trimBackticks(stripQuotes(key)) };
}

function value(type: string, key: string, token: Tok, versions: boolean): Clause['value'] {
  const raw = text(token);
  if (type === 'tag') {
    if (isStringLike(token)) return stripQuotes(raw, true);
    throw invalidParameter(`Expected a quoted string value for tag (e.g. 'my-value'). Got value ${raw}`);
  }
  if (isStringLike(token)) return stripQuotes(raw, true);
  if (isA(token, 'Parenthesis')) {
    if (key !== 'run_id') {
      throw invalidParameter("Only the 'run_id' attribute supports comparison with a list of quoted string values.");
    }
    return parseStringList(token);
  }
  if (versions && isNumberToken(token)) {
    if (!VERSION_NUMERIC.includes(key)) {
      throw invalidParameter(`Only the '${pySet(VERSION_NUMERIC)}' attributes support comparison with numeric values.`);
    }
    return Number(raw);
  }
  throw invalidParameter(
    `Expected a quoted string value or a list of quoted string values for attributes. Got value ${raw}`,
  );
}

/** Parse a registered-model (`versions` false) or model-version filter, with the store's comparator checks. */
export function parseRegistryFilter(filter: string | undefined, versions: boolean): Clause[] {
  const clauses = filterComparisons(filter, false).map((comparison) => {
    const [left, op, right] = comparisonParts(comparison);
    const { type, key } = identifier(text(left), versions ? VERSION_KEYS : MODEL_KEYS);
    return { type, key, comparator: text(op).toUpperCase(), value: value(type, key, right, versions) };
  });
  for (const { type, key, comparator: c } of clauses) {
    if (type === 'tag') {
      if (!STRING_COMPARATORS.includes(c)) throw invalidParameter(`Invalid comparator for tag: ${c}`);
    } else if (!versions) {
      if (!STRING_COMPARATORS.includes(c)) throw invalidParameter(`Invalid comparator for attribute: ${c}`);
    } else if (VERSION_NUMERIC.includes(key)) {
      if (!METRIC_COMPARATORS.includes(c)) throw invalidParameter(`Invalid comparator for attribute ${key}: ${c}`);
    } else if (![...STRING_COMPARATORS, 'IN'].includes(c) || (c === 'IN' && key !== 'run_id')) {
      throw invalidParameter(`Invalid comparator for attribute: ${c}`);
    }
  }
  return clauses;
}

/** `_is_querying_prompt`: decided by the first clause on the prompt tag. */
export function isQueryingPrompt(clauses: Clause[]): boolean {
  const c = clauses.find((x) => x.type === 'tag' && x.key === IS_PROMPT_TAG);
  if (!c || typeof c.value !== 'string') return false;
  const v = c.value.toLowerCase();
  return (c.comparator === '=' && v === 'true') || (c.comparator === '!=' && v === 'false');
}

/**
 * The tag clauses that apply: when prompts are not queried, the store drops clauses on the prompt
 * tag (and excludes prompts instead).
 */
export function effectiveTagClauses(clauses: Clause[], queryingPrompt: boolean): Clause[] {
  return clauses.filter((c) => c.type === 'tag' && (queryingPrompt || c.key !== IS_PROMPT_TAG));
}

export function tagsMatch(tags: Record<string, string>, tagClauses: Clause[]): boolean {
  return tagClauses.every((c) => tags[c.key] !== undefined && compareString(tags[c.key], c.comparator, c.value as string));
}

/** A registry attribute comparison: strings as SQL text, numbers with SQLite's rules. */
export function attributeMatches(lhs: string | number, c: Clause): boolean {
  if (typeof lhs === 'number') return compareSqlite(lhs, c.comparator, c.value as number | string);
  return compareString(lhs, c.comparator, c.value);
}
