import { invalidParameter } from '../errors/api-error.js';

/**
 * Artifact path checks (MLflow's `validate_path_is_safe` in `mlflow/utils/uri.py`) and the mapping of
 * artifact URIs to paths under the artifact root. Pure: no file system access here.
 */

export const invalidPath = () => invalidParameter('Invalid path');

/** The longest file name the file system takes (NAME_MAX). */
const MAX_NAME_BYTES = 255;

/** Python's `urllib.parse.unquote`: `%XX` runs decode as UTF-8 (bad bytes become U+FFFD); a lone `%` stays. */
export function pyUnquote(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
}

/** MLflow's `_decode`: decodes until the text stops changing (at most 10 rounds). */
function decodeFully(text: string): string {
  let current = text;
  for (let i = 0; i < 10; i += 1) {
    const next = pyUnquote(current);
    if (next === current) return current;
    current = next;
  }
  throw invalidPath();
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * MLflow's `validate_path_is_safe`, a little stricter: the path is percent-decoded until stable, then
 * rejected if it has a `..` segment, is absolute (POSIX, a drive letter, a `file:` URI to an absolute
 * path), or holds a backslash, a `#` or a control character (NUL included). Returns the decoded path,
 * which is the one used, as MLflow does.
 */
export function validatePathIsSafe(raw: string): string {
  let p = decodeFully(raw);
  if (p.includes('#') || p.includes('\\') || CONTROL.test(p)) throw invalidPath();
  if (/^file:/i.test(p)) p = p.replace(/^file:(\/\/[^/]*)?/i, '');
  if (p.startsWith('/') || /^[A-Za-z]:\//.test(p)) throw invalidPath();
  if (p.split('/').includes('..')) throw invalidPath();
  return p;
}

/** The segments of a root-relative path, `.` and empty ones dropped; any `..` is an invalid path. */
export function pathSegments(rel: string): string[] {
  const parts = rel.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.some((s) => s === '..' || s.includes('\\') || s.includes('\0'))) throw invalidPath();
  const tooLong = parts.find((s) => Buffer.byteLength(s) > MAX_NAME_BYTES);
  if (tooLong) throw invalidParameter(`Invalid path: '${tooLong.slice(0, 40)}…' is longer than ${MAX_NAME_BYTES} bytes`);
  return parts;
}

/** Python's `posixpath.join(a, b)` for a relative `b`. */
export function posixJoin(a: string, b: string): string {
  if (!a) return b;
  return a.endsWith('/') ? a + b : `${a}/${b}`;
}

/**
 * The path under the artifact root that an artifact URI points to, or null when the URI is not served
 * by this server's artifact proxy:
 * `mlflow-artifacts:/1/abc/artifacts` and `mlflow-artifacts://host:5000/1/abc/artifacts` → `1/abc/artifacts`;
 * `http(s)://host/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts` → `1/abc/artifacts`.
 */
export function proxiedPathOf(uri: string): string | null {
  const m = /^mlflow-artifacts:(\/\/[^/]*)?(.*)$/i.exec(uri);
  if (m) return stripQuery(m[2]).replace(/^\/+/, '');
  const anchor = '/api/2.0/mlflow-artifacts/artifacts/';
  if (/^https?:\/\//i.test(uri) && uri.includes(anchor)) return stripQuery(uri.split(anchor)[1]).replace(/^\/+/, '');
  return null;
}

function stripQuery(p: string): string {
  return p.split(/[?#]/)[0];
}
