/**
 * Page tokens (`SearchUtils.create_page_token` / `parse_start_offset_from_page_token`): base64 of
 * Python's `json.dumps({"offset": N})`, decoded with Python's lenient base64 and its error messages.
 */
import { internalError, invalidParameter } from '../../errors/api-error.js';
import { pyBytes, pyRepr } from '../../errors/python-text.js';

/** `base64(json.dumps({"offset": offset}))`, e.g. `eyJvZmZzZXQiOiAxfQ==` for 1. */
export function encodePageToken(offset: number): string {
  return Buffer.from(`{"offset": ${offset}}`, 'utf8').toString('base64');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `base64.b64decode(s)` without validation: skips foreign characters, checks the padding. */
function pythonB64decode(token: string): Uint8Array | undefined {
  const out: number[] = [];
  let quad = 0;
  let left = 0;
  let pads = 0;
  let complete = false;
  for (const ch of token) {
    if (ch === '=') {
      if (quad >= 2 && quad + ++pads >= 4) {
        complete = true;
        break;
      }
      continue;
    }
    const v = B64.indexOf(ch);
    if (v < 0) continue;
    pads = 0;
    if (quad === 0) left = v;
    else if (quad === 1) out.push(((left << 2) | (v >> 4)) & 0xff);
    else if (quad === 2) out.push(((left << 4) | (v >> 2)) & 0xff);
    else out.push(((left << 6) | v) & 0xff);
    if (quad !== 0) left = v;
    quad = (quad + 1) % 4;
  }
  if (!complete && quad !== 0) return undefined;
  return Uint8Array.from(out);
}

const PY_TYPE = (v: unknown): string =>
  v === null ? 'NoneType' : Array.isArray(v) ? 'list' : typeof v === 'string' ? 'str' : typeof v === 'boolean' ? 'bool' : Number.isInteger(v) ? 'int' : 'float';

/** Python's `int(value)` for a JSON value; undefined when Python raises ValueError. */
function pythonInt(value: unknown): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'string') {
    const m = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/u.exec(value);
    return m ? Number(`${m[1]}${m[2].replace(/_/g, '')}`) : undefined;
  }
  throw internalError(`int() argument must be a string, a bytes-like object or a real number, not '${PY_TYPE(value)}'`);
}

/** The offset a page token stands for; 0 when there is no token. */
export function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  if (!/^[\x00-\x7f]*$/.test(token)) throw internalError('string argument should contain only ASCII characters');
  const decoded = pythonB64decode(token);
  if (decoded === undefined) throw invalidParameter('Invalid page token, could not base64-decode');
  let parsed: unknown;
  try {
    const bytes = decoded[0] === 0xef && decoded[1] === 0xbb && decoded[2] === 0xbf ? decoded.subarray(3) : decoded;
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalidParameter(`Invalid page token, decoded value=${pyBytes(decoded)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw internalError(`'${PY_TYPE(parsed)}' object has no attribute 'get'`);
  }
  const offset = (parsed as Record<string, unknown>).offset;
  const falsy =
    offset === undefined ||
    offset === null ||
    offset === false ||
    offset === 0 ||
    offset === '' ||
    (Array.isArray(offset) && offset.length === 0) ||
    (typeof offset === 'object' && offset !== null && Object.keys(offset).length === 0);
  if (falsy) throw invalidParameter(`Invalid page token, parsed value=${pyRepr(parsed)}`);
  const n = pythonInt(offset);
  if (n === undefined) throw invalidParameter(`Invalid page token, not stringable ${String(offset)}`);
  return n;
}

/** Rows `offset ..` of `rows` with SQL LIMIT/OFFSET semantics (negative offset = 0, negative limit = all). */
export function sqlWindow<T>(rows: T[], offset: number, limit: number): T[] {
  const start = Math.max(0, offset);
  return limit < 0 ? rows.slice(start) : rows.slice(start, start + limit);
}

/** Python's `items[:n]`. */
export const pyHead = <T>(items: T[], n: number): T[] => items.slice(0, n >= 0 ? n : Math.max(0, items.length + n));

/** A page of an over-fetching store (experiments, registry): next token only when more rows exist. */
export function pageLookahead<T>(rows: T[], offset: number, maxResults: number) {
  const fetched = sqlWindow(rows, offset, maxResults + 1);
  const items = pyHead(fetched, maxResults);
  const nextPageToken = fetched.length === maxResults + 1 ? encodePageToken(offset + maxResults) : undefined;
  return { items, nextPageToken };
}

/** A page of search-runs: the store hands out a token whenever the page is full. */
export function pageFull<T>(rows: T[], offset: number, maxResults: number) {
  const items = sqlWindow(rows, offset, maxResults);
  const nextPageToken = items.length === maxResults ? encodePageToken(offset + maxResults) : undefined;
  return { items, nextPageToken };
}
