/** `sqlparse.parse(text)`: lex, split into statements at `;`, group each statement. */
import { groupStatement } from './sql-grouping.js';
import { tokenize } from './sql-lexer.js';
import { type Tok, group, isWhitespace, leaf, typeIn } from './sql-tree.js';

class Splitter {
  inDeclare = false;
  isCreate = false;
  beginDepth = 0;
  level = 0;

  change(ttype: string, value: string): number {
    if (ttype === 'Punctuation' && value === '(') return 1;
    if (ttype === 'Punctuation' && value === ')') return -1;
    if (!typeIn(ttype, 'Keyword')) return 0;
    const unified = value.toUpperCase();
    if (ttype === 'Keyword.DDL' && unified.startsWith('CREATE')) {
      this.isCreate = true;
      return 0;
    }
    if (unified === 'DECLARE' && this.isCreate && this.beginDepth === 0) {
      this.inDeclare = true;
      return 1;
    }
    if (unified === 'BEGIN') {
      this.beginDepth += 1;
      return this.isCreate ? 1 : 0;
    }
    if (unified === 'END') {
      this.beginDepth = Math.max(0, this.beginDepth - 1);
      return -1;
    }
    if (['IF', 'FOR', 'WHILE', 'CASE'].includes(unified) && this.isCreate && this.beginDepth > 0) return 1;
    if (['END IF', 'END FOR', 'END WHILE'].includes(unified)) return -1;
    return 0;
  }
}

function split(tokens: Tok[]): Tok[][] {
  const statements: Tok[][] = [];
  let splitter = new Splitter();
  let current: Tok[] = [];
  let consumeWs = false;
  for (const token of tokens) {
    const ttype = token.ttype!;
    if (consumeWs && ttype !== 'Text.Whitespace' && ttype !== 'Comment.Single') {
      statements.push(current);
      splitter = new Splitter();
      current = [];
      consumeWs = false;
    }
    splitter.level += splitter.change(ttype, token.value);
    current.push(token);
    if (splitter.level <= 0 && ttype === 'Punctuation' && token.value === ';') consumeWs = true;
  }
  if (current.length > 0 && !current.every(isWhitespace)) statements.push(current);
  return statements;
}

/** The grouped statements of `text`, as sqlparse returns them. */
export function parseSql(text: string): Tok[] {
  const tokens = tokenize(text).map((t) => leaf(t.ttype, t.value));
  return split(tokens).map((s) => groupStatement(group('Statement', s)));
}
