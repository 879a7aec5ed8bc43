/**
 * A port of sqlparse's grouping engine (engine/grouping.py), limited to the groupings a search filter
 * or order_by clause can meet: brackets, parentheses, functions, dotted names, identifiers, ASC/DESC,
 * `::` casts, operations, comparisons, aliases and comma lists. Statement keywords (CASE, WHERE, AS,
 * VALUES, ...) are left ungrouped.
 */
import { type Post, T_NAME, T_NUMERICAL, T_STRING, groupBy, groupMatching, recurse } from './sql-group-core.js';
import {
  type Tok,
  groupTokens,
  imt,
  isA,
  isKeyword,
  match,
  normalized,
  tokenNext,
  tokenNextBy,
  tokenPrev,
} from './sql-tree.js';

const notNull = (t: Tok | undefined) => t !== undefined;
const pairPost: Post = (_l, pidx, _t, nidx) => [pidx, nidx!];

function groupFunctions(list: Tok): void {
  recurse(list, ['Function'], (tl) => {
    const values = tl.tokens!.map((t) => t.value);
    if (values.includes('CREATE') && values.includes('TABLE')) return;
    const isName = (t: Tok) => imt(t, { sub: ['Name'] });
    let [tidx, token] = tokenNextBy(tl, isName);
    while (token) {
      const [nidx, next] = tokenNext(tl, tidx);
      if (isA(next, 'Parenthesis')) groupTokens(tl, 'Function', tidx!, nidx!);
      [tidx, token] = tokenNextBy(tl, isName, tidx);
    }
  });
}

function groupPeriod(list: Tok): void {
  groupBy(
    list,
    'Identifier',
    (t) => match(t, 'Punctuation', '.'),
    (t) => imt(t, { i: ['SquareBrackets', 'Identifier'], exact: ['Name', 'Literal.String.Symbol'] }),
    () => true,
    (l, pidx, tidx, nidx) => {
      const next = nidx === undefined ? undefined : l.tokens![nidx];
      const ok = imt(next, { i: ['SquareBrackets', 'Function'], exact: ['Name', 'Literal.String.Symbol', 'Wildcard'] });
      return ok ? [pidx, nidx!] : [pidx, tidx];
    },
  );
}

function groupArrays(list: Tok): void {
  groupBy(
    list,
    'Identifier',
    (t) => isA(t, 'SquareBrackets'),
    (t) => imt(t, { i: ['SquareBrackets', 'Identifier', 'Function'], exact: ['Name', 'Literal.String.Symbol'] }),
    () => true,
    (_l, pidx, tidx) => [pidx, tidx],
    true,
    false,
  );
}

function groupIdentifier(list: Tok): void {
  recurse(list, ['Identifier'], (tl) => {
    const isNameish = (t: Tok) => imt(t, { exact: ['Literal.String.Symbol', 'Name'] });
    let [tidx, token] = tokenNextBy(tl, isNameish);
    while (token) {
      groupTokens(tl, 'Identifier', tidx!, tidx!);
      [tidx, token] = tokenNextBy(tl, isNameish, tidx);
    }
  });
}

function groupOrder(list: Tok): void {
  const isOrder = (t: Tok) => imt(t, { sub: ['Keyword.Order'] });
  let [tidx, token] = tokenNextBy(list, isOrder);
  while (token) {
    const [pidx, prev] = tokenPrev(list, tidx!);
    if (imt(prev, { i: ['Identifier'], sub: ['Literal.Number'] })) {
      groupTokens(list, 'Identifier', pidx!, tidx!);
      tidx = pidx;
    }
    [tidx, token] = tokenNextBy(list, isOrder, tidx);
  }
}

function groupTypecasts(list: Tok): void {
  groupBy(list, 'Identifier', (t) => match(t, 'Punctuation', '::'), notNull, notNull, pairPost);
}

function groupOperator(list: Tok): void {
  const valid = (t: Tok | undefined) =>
    imt(t, {
      i: ['SquareBrackets', 'Parenthesis', 'Function', 'Identifier', 'Operation'],
      exact: [...T_NUMERICAL, ...T_STRING, ...T_NAME],
    }) ||
    (t !== undefined && match(t, 'Keyword', ['CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP']));
  const post: Post = (l, pidx, tidx, nidx) => {
    l.tokens![tidx].ttype = 'Operator';
    return [pidx, nidx!];
  };
  groupBy(list, 'Operation', (t) => imt(t, { exact: ['Operator', 'Wildcard'] }), valid, valid, post, false);
}

function groupComparison(list: Tok): void {
  const valid = (t: Tok | undefined) =>
    imt(t, {
      i: ['Parenthesis', 'Function', 'Identifier', 'Operation'],
      exact: [...T_NUMERICAL, ...T_STRING, ...T_NAME],
    }) ||
    (t !== undefined && isKeyword(t) && normalized(t) === 'NULL');
  groupBy(list, 'Comparison', (t) => t.ttype === 'Operator.Comparison', valid, valid, pairPost, false);
}

function groupAliased(list: Tok): void {
  recurse(list, [], (tl) => {
    const aliasable = (t: Tok) =>
      imt(t, { i: ['Parenthesis', 'Function', 'Identifier', 'Operation', 'Comparison'], sub: ['Literal.Number'] });
    let [tidx, token] = tokenNextBy(tl, aliasable);
    while (token) {
      const [nidx, next] = tokenNext(tl, tidx);
      if (isA(next, 'Identifier')) groupTokens(tl, 'Identifier', tidx!, nidx!, true);
      [tidx, token] = tokenNextBy(tl, aliasable, tidx);
    }
  });
}

function groupIdentifierList(list: Tok): void {
  const valid = (t: Tok | undefined) =>
    imt(t, {
      i: ['Function', 'Identifier', 'Comparison', 'IdentifierList', 'Operation'],
      m: [['Keyword', ['null', 'role']]],
      exact: [...T_NUMERICAL, ...T_STRING, ...T_NAME, 'Keyword', 'Comment', 'Wildcard'],
    });
  groupBy(list, 'IdentifierList', (t) => match(t, 'Punctuation', ','), valid, valid, pairPost);
}

/** `sqlparse.engine.grouping.group(stmt)` for the supported groupings, in sqlparse's order. */
export function groupStatement(stmt: Tok): Tok {
  groupMatching(stmt, 'SquareBrackets', '[', ']');
  groupMatching(stmt, 'Parenthesis', '(', ')');
  groupFunctions(stmt);
  groupPeriod(stmt);
  groupArrays(stmt);
  groupIdentifier(stmt);
  groupOrder(stmt);
  groupTypecasts(stmt);
  groupOperator(stmt);
  groupComparison(stmt);
  groupAliased(stmt);
  groupIdentifierList(stmt);
  return stmt;
}
