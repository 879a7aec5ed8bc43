/** sqlparse's token tree (`sql.Token` / `sql.TokenList`) and the helpers its grouping engine uses. */

export type GroupClass =
  | 'Statement'
  | 'Identifier'
  | 'Comparison'
  | 'Parenthesis'
  | 'SquareBrackets'
  | 'Function'
  | 'Operation'
  | 'IdentifierList';

export interface Tok {
  /** Token type for leaves (`Name`, `Keyword.Order`, ...); null for groups. */
  ttype: string | null;
  /** Leaf text; for groups use `text()`. */
  value: string;
  cls?: GroupClass;
  tokens?: Tok[];
}

export const leaf = (ttype: string, value: string): Tok => ({ ttype, value });

export function group(cls: GroupClass, tokens: Tok[]): Tok {
  return { ttype: null, value: '', cls, tokens };
}

/** `str(token)`: the original text of a token or group. */
export function text(t: Tok): string {
  return t.tokens ? t.tokens.map(text).join('') : t.value;
}

/** `ttype in parent`: the same type or a subtype of it. */
export function typeIn(ttype: string | null, parent: string): boolean {
  return ttype !== null && (ttype === parent || ttype.startsWith(`${parent}.`));
}

export const isGroup = (t: Tok): boolean => t.tokens !== undefined;
export const isWhitespace = (t: Tok): boolean => typeIn(t.ttype, 'Text.Whitespace');
export const isKeyword = (t: Tok): boolean => typeIn(t.ttype, 'Keyword');
export const isA = (t: Tok | undefined, ...classes: GroupClass[]): boolean =>
  t !== undefined && t.cls !== undefined && classes.includes(t.cls);

export function normalized(t: Tok): string {
  return isKeyword(t) ? t.value.toUpperCase() : text(t);
}

/** `token.match(ttype, values)`: exact type, and (case-insensitively for keywords) one of the values. */
export function match(t: Tok, ttype: string, values?: string | string[]): boolean {
  if (t.ttype !== ttype) return false;
  if (values === undefined) return true;
  const list = (typeof values === 'string' ? [values] : values).map((v) => (isKeyword(t) ? v.toUpperCase() : v));
  return list.includes(normalized(t));
}

/** `imt(token, i=..., m=..., t=...)`. `exact` is a tuple of types (exact match), `sub` a type and its subtypes. */
export function imt(
  t: Tok | undefined,
  opts: { i?: GroupClass[]; m?: [string, string | string[] | undefined][]; exact?: string[]; sub?: string[] },
): boolean {
  if (t === undefined) return false;
  if (opts.i && t.cls !== undefined && opts.i.includes(t.cls)) return true;
  if (opts.m && opts.m.some(([tt, v]) => match(t, tt, v))) return true;
  if (opts.exact && t.ttype !== null && opts.exact.includes(t.ttype)) return true;
  if (opts.sub && opts.sub.some((p) => typeIn(t.ttype, p))) return true;
  return false;
}

/** `tlist.token_next(idx)`: the next token after idx, skipping whitespace. */
export function tokenNext(list: Tok, idx: number | undefined): [number | undefined, Tok | undefined] {
  if (idx === undefined) return [undefined, undefined];
  const tokens = list.tokens!;
  for (let i = idx + 1; i < tokens.length; i++) {
    if (!isWhitespace(tokens[i])) return [i, tokens[i]];
  }
  return [undefined, undefined];
}

/** `tlist.token_prev(idx)`: the previous token before idx, skipping whitespace. */
export function tokenPrev(list: Tok, idx: number): [number | undefined, Tok | undefined] {
  const tokens = list.tokens!;
  for (let i = idx - 1; i >= 0; i--) {
    if (!isWhitespace(tokens[i])) return [i, tokens[i]];
  }
  return [undefined, undefined];
}

/** `tlist.token_next_by(...)`: the first token after idx matching `pred`. */
export function tokenNextBy(list: Tok, pred: (t: Tok) => boolean, idx = -1): [number | undefined, Tok | undefined] {
  const tokens = list.tokens!;
  for (let i = idx + 1; i < tokens.length; i++) {
    if (pred(tokens[i])) return [i, tokens[i]];
  }
  return [undefined, undefined];
}

/** `tlist.group_tokens(cls, start, end, extend)`: replace tokens[start..end] by one group. */
export function groupTokens(list: Tok, cls: GroupClass, start: number, end: number, extend = false): Tok {
  const tokens = list.tokens!;
  const first = tokens[start];
  if (extend && first.cls === cls) {
    first.tokens!.push(...tokens.slice(start + 1, end + 1));
    tokens.splice(start + 1, end - start);
    return first;
  }
  const grp = group(cls, tokens.slice(start, end + 1));
  tokens.splice(start, end - start + 1, grp);
  return grp;
}

export const sublists = (list: Tok): Tok[] => list.tokens!.filter(isGroup);
