/**
 * Comparisons as the SQLite-backed MLflow store evaluates them: `=`/`!=` exact, LIKE case-sensitive
 * (`PRAGMA case_sensitive_like = true`), ILIKE as `lower(x) LIKE lower(y)` (SQLite's lower() folds
 * ASCII only), `%`/`_` wildcards with no escape character, and numbers compared with SQLite's type rules.
 * A missing left-hand value never matches; callers check that first.
 */

const likeCache = new Map<string, RegExp>();

function likeRegex(pattern: string): RegExp {
  let re = likeCache.get(pattern);
  if (!re) {
    let src = '^';
    for (const ch of pattern) {
      if (ch === '%') src += '[\\s\\S]*';
      else if (ch === '_') src += '[\\s\\S]';
      else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    re = new RegExp(`${src}$`, 'u');
    if (likeCache.size > 1000) likeCache.clear();
    likeCache.set(pattern, re);
  }
  return re;
}

/** SQLite's lower(): ASCII letters only. */
export const asciiLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

export const sqlLike = (value: string, pattern: string): boolean => likeRegex(pattern).test(value);
export const sqlIlike = (value: string, pattern: string): boolean => sqlLike(asciiLower(value), asciiLower(pattern));

/** A string comparison (`=`, `!=`, LIKE, ILIKE, IN, NOT IN) with an upper-case comparator. */
export function compareString(lhs: string, comparator: string, rhs: string | string[] | number): boolean {
  if (Array.isArray(rhs)) {
    if (comparator === 'IN') return rhs.includes(lhs);
    if (comparator === 'NOT IN') return !rhs.includes(lhs);
    return false;
  }
  if (typeof rhs === 'number') return compareSqlite(lhs, comparator, rhs);
  switch (comparator) {
    case '=':
      return lhs === rhs;
    case '!=':
      return lhs !== rhs;
    case 'LIKE':
      return sqlLike(lhs, rhs);
    case 'ILIKE':
      return sqlIlike(lhs, rhs);
    default:
      return compareSqlite(lhs, comparator, rhs);
  }
}

/** Order of two numbers with a numeric comparator. */
export function compareNumber(lhs: number, comparator: string, rhs: number): boolean {
  switch (comparator) {
    case '=':
      return lhs === rhs;
    case '!=':
      return lhs !== rhs;
    case '<':
      return lhs < rhs;
    case '<=':
      return lhs <= rhs;
    case '>':
      return lhs > rhs;
    case '>=':
      return lhs >= rhs;
    default:
      return false;
  }
}

const NUMERIC_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * SQLite's comparison of a column value with a bound parameter: a text parameter that looks like a
 * number compares numerically with a numeric column; otherwise numbers sort before text.
 */
export function compareSqlite(lhs: number | string, comparator: string, rhs: number | string): boolean {
  let a = lhs;
  let b = rhs;
  if (typeof a === 'number' && typeof b === 'string' && NUMERIC_TEXT.test(b)) b = Number(b);
  if (typeof b === 'number' && typeof a === 'string' && NUMERIC_TEXT.test(a)) a = Number(a);
  if (typeof a === 'number' && typeof b === 'number') return compareNumber(a, comparator, b);
  const order = typeof a === 'number' ? -1 : typeof b === 'number' ? 1 : compareText(a as string, b as string);
  return compareNumber(order, comparator, 0);
}

/** SQLite's BINARY collation: code point order. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
}

/** Ascending order of two SQL values of the same column (numbers or text). */
export function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return compareText(a, b);
}
