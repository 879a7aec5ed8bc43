/** order_by clause parsing shared by the searches (`SearchUtils._parse_order_by_string`). */
import { internalError, invalidParameter } from '../../errors/api-error.js';
import { pyList } from '../../errors/python-text.js';
import { parseSql } from './sql-parse.js';
import { isA, isWhitespace, match, text } from './sql-tree.js';

const SHLEX_WS = ' \t\r\n';

/** Python's `shlex.split(s)` (POSIX mode). Its ValueErrors escape MLflow as server errors. */
export function shlexSplit(s: string): string[] {
  const out: string[] = [];
  const chars = [...s];
  let i = 0;
  for (;;) {
    let token = '';
    let quoted = false;
    let state = ' ';
    let escaped = 'a';
    let eof = false;
    for (;;) {
      const ch = i < chars.length ? chars[i++] : '';
      if (state === "'" || state === '"') {
        quoted = true;
        if (!ch) throw internalError('No closing quotation');
        if (ch === state) state = 'a';
        else if (ch === '\\' && state === '"') {
          escaped = state;
          state = ch;
        } else token += ch;
      } else if (state === '\\') {
        if (!ch) throw internalError('No escaped character');
        if ((escaped === "'" || escaped === '"') && ch !== state && ch !== escaped) token += state;
        token += ch;
        state = escaped;
      } else {
        if (!ch) {
          eof = true;
          break;
        }
        if (SHLEX_WS.includes(ch)) {
          state = ' ';
          if (token || quoted) break;
        } else if (ch === "'" || ch === '"') state = ch;
        else if (ch === '\\') {
          escaped = 'a';
          state = ch;
        } else {
          token += ch;
          state = 'a';
        }
      }
    }
    if (token || quoted) out.push(token);
    if (eof) return out;
  }
}

/** `_validate_order_by_and_generate_token`: one identifier, or `timestamp [ASC|DESC]`. */
export function orderByTokenValue(orderBy: string): string {
  const fail = () => invalidParameter(`Invalid order_by clause '${orderBy}'. Could not be parsed.`);
  const parsed = parseSql(orderBy);
  if (parsed.length !== 1) throw fail();
  const tokens = parsed[0].tokens!;
  const isTimestamp = (i: number) => match(tokens[i], 'Name.Builtin', 'timestamp');
  if (tokens.length === 1 && isA(tokens[0], 'Identifier')) return text(tokens[0]);
  if (tokens.length === 1 && isTimestamp(0)) return 'timestamp';
  const last = tokens[tokens.length - 1];
  if (isTimestamp(0) && tokens.slice(1, -1).every(isWhitespace) && last.ttype === 'Keyword.Order') {
    return `timestamp ${last.value}`;
  }
  throw fail();
}

/** `_parse_order_by_string`: the key text and whether it sorts ascending. */
export function parseOrderByString(orderBy: string): [string, boolean] {
  let value = orderByTokenValue(orderBy);
  const tokens = shlexSplit(value.replace(/`/g, '"'));
  if (tokens.length > 2) throw invalidParameter(`Invalid order_by clause '${orderBy}'. Could not be parsed.`);
  let ascending = true;
  if (tokens.length === 2) {
    const order = tokens[1].toLowerCase();
    if (order !== 'asc' && order !== 'desc') {
      throw invalidParameter(`Invalid ordering key in order_by clause '${orderBy}'.`);
    }
    ascending = order === 'asc';
    value = tokens[0];
  }
  return [value, ascending];
}

/** The MlflowException MLflow raises without an error code (so INTERNAL_ERROR) for repeated keys. */
export function duplicateOrderBy(orderBy: string[]): Error {
  return internalError(`\`order_by\` contains duplicate fields: ${pyList(orderBy)}`);
}
