/**
 * A small `ast.literal_eval` for the parenthesized lists of a filter (`IN ('a', 'b')`): strings (with
 * Python escapes and implicit concatenation), numbers, True/False/None, tuples and lists.
 */
import { PyFloat, PyTuple } from '../../errors/python-text.js';

/** Python raises SyntaxError: MLflow reports an ill-formed list. */
export class PySyntaxError extends Error {}
/** Python raises ValueError ("malformed node or string"): MLflow lets it escape as a server error. */
export class PyValueError extends Error {}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };

class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  ws(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
  }

  peek(): string {
    this.ws();
    return this.src[this.pos] ?? '';
  }

  expr(): unknown {
    const c = this.peek();
    if (c === '(' || c === '[') return this.sequence(c);
    if (c === '-' || c === '+') {
      this.pos++;
      const v = this.expr();
      if (typeof v === 'number') return c === '-' ? -v : v;
      if (v instanceof PyFloat) return new PyFloat(c === '-' ? -v.value : v.value);
      throw new PyValueError('malformed node or string');
    }
    if (/[0-9.]/.test(c)) return this.number();
    const word = /^[A-Za-z_]\w*/.exec(this.src.slice(this.pos))?.[0];
    if (word !== undefined) {
      const next = this.src[this.pos + word.length];
      if (/^[rRuU]$/.test(word) && (next === "'" || next === '"')) return this.strings();
      this.pos += word.length;
      if (word === 'True') return true;
      if (word === 'False') return false;
      if (word === 'None') return null;
      throw new PyValueError('malformed node or string');
    }
    if (c === "'" || c === '"') return this.strings();
    throw new PySyntaxError('invalid syntax');
  }

  sequence(open: string): unknown {
    const close = open === '(' ? ')' : ']';
    this.pos++;
    const items: unknown[] = [];
    let trailingComma = false;
    while (this.peek() !== close) {
      if (this.peek() === '') throw new PySyntaxError('unexpected EOF');
      items.push(this.expr());
      trailingComma = false;
      if (this.peek() === ',') {
        this.pos++;
        trailingComma = true;
      } else if (this.peek() !== close) throw new PySyntaxError('invalid syntax');
    }
    this.pos++;
    if (open === '[') return items;
    return items.length === 1 && !trailingComma ? items[0] : new PyTuple(items);
  }

  number(): unknown {
    const m = /^(\d[\d_]*)?(\.\d*)?([eE][+-]?\d+)?/.exec(this.src.slice(this.pos))!;
    if (m[0] === '' || m[0] === '.') throw new PySyntaxError('invalid syntax');
    this.pos += m[0].length;
    const clean = m[0].replace(/_/g, '');
    return m[2] !== undefined || m[3] !== undefined ? new PyFloat(Number(clean)) : Number(clean);
  }

  strings(): string {
    let out = '';
    do out += this.string();
    while (/^[rRuU]?['"]/.test(this.src.slice(this.pos).trimStart()) && this.peek() !== '');
    return out;
  }

  string(): string {
    this.ws();
    let raw = false;
    if (/[rRuU]/.test(this.src[this.pos])) raw = /[rR]/.test(this.src[this.pos++]);
    const q = this.src.startsWith(this.src[this.pos].repeat(3), this.pos) ? this.src[this.pos].repeat(3) : this.src[this.pos];
    this.pos += q.length;
    let out = '';
    for (;;) {
      if (this.pos >= this.src.length) throw new PySyntaxError('unterminated string literal');
      if (this.src.startsWith(q, this.pos)) break;
      const ch = this.src[this.pos++];
      if (ch === '\n' && q.length === 1) throw new PySyntaxError('unterminated string literal');
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const e = this.src[this.pos++] ?? '';
      if (raw) out += `\\${e}`;
      else if (e in ESCAPES) out += ESCAPES[e];
      else if (e === 'x' || e === 'u' || e === 'U') {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = this.src.slice(this.pos, this.pos + n);
        if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new PySyntaxError('truncated escape');
        out += String.fromCodePoint(parseInt(hex, 16));
        this.pos += n;
      } else out += `\\${e}`;
    }
    this.pos += q.length;
    return out;
  }
}

/** Evaluate a Python literal; throws PySyntaxError or PyValueError like `ast.literal_eval`. */
export function literalEval(src: string): unknown {
  const p = new Parser(src);
  const value = p.expr();
  if (p.peek() !== '') throw new PySyntaxError('invalid syntax');
  return value;
}
