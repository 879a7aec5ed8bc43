/** The generic machinery of sqlparse's grouping engine (`_group_matching`, `_group`, `@recurse`). */
import {
  type GroupClass,
  type Tok,
  groupTokens,
  isA,
  isGroup,
  isWhitespace,
  match,
  sublists,
  tokenNext,
} from './sql-tree.js';

export const T_NUMERICAL = ['Literal.Number', 'Literal.Number.Integer', 'Literal.Number.Float'];
export const T_STRING = ['Literal.String', 'Literal.String.Single', 'Literal.String.Symbol'];
export const T_NAME = ['Name', 'Name.Placeholder'];

export type Post = (list: Tok, pidx: number, tidx: number, nidx: number | undefined) => [number, number];

export function groupMatching(list: Tok, cls: GroupClass, open: string, close: string): void {
  const opens: number[] = [];
  let offset = 0;
  for (const [idx, token] of [...list.tokens!].entries()) {
    const tidx = idx - offset;
    if (isWhitespace(token)) continue;
    if (isGroup(token) && token.cls !== cls) {
      groupMatching(token, cls, open, close);
      continue;
    }
    if (match(token, 'Punctuation', open)) opens.push(tidx);
    else if (match(token, 'Punctuation', close)) {
      const openIdx = opens.pop();
      if (openIdx === undefined) continue;
      groupTokens(list, cls, openIdx, tidx);
      offset += tidx - openIdx;
    }
  }
}

export function groupBy(
  list: Tok,
  cls: GroupClass,
  matches: (t: Tok) => boolean,
  validPrev: (t: Tok | undefined) => boolean,
  validNext: (t: Tok | undefined) => boolean,
  post: Post,
  extend = true,
  recurse = true,
): void {
  let offset = 0;
  let pidx = 0;
  let prev: Tok | undefined;
  for (const [idx, token] of [...list.tokens!].entries()) {
    const tidx = idx - offset;
    if (tidx < 0 || isWhitespace(token)) continue;
    if (recurse && isGroup(token) && token.cls !== cls) {
      groupBy(token, cls, matches, validPrev, validNext, post, extend, recurse);
    }
    if (matches(token)) {
      const [nidx, next] = tokenNext(list, tidx);
      if (prev && validPrev(prev) && validNext(next)) {
        const [from, to] = post(list, pidx, tidx, nidx);
        prev = groupTokens(list, cls, from, to, extend);
        offset += to - from;
        pidx = from;
        continue;
      }
    }
    pidx = tidx;
    prev = token;
  }
}

export function recurse(list: Tok, skip: GroupClass[], fn: (t: Tok) => void): void {
  for (const sub of sublists(list)) if (!isA(sub, ...skip)) recurse(sub, skip, fn);
  fn(list);
}
