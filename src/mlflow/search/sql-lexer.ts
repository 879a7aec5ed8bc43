/**
 * A port of sqlparse's lexer (the tokenizer MLflow runs every filter and order_by string through).
 * sqlparse 0.4.x rules in their order; `IN` lexes as a Keyword as it does since sqlparse 0.4.4.
 */
import { wordType } from './sql-keywords.js';

export interface RawToken {
  ttype: string;
  value: string;
}

const W = '[\\p{L}\\p{N}_]';
const D = '\\p{Nd}';
const L = '[_A-ZÀ-Ü]';
const LETTER = '[A-ZÀ-Ü]';

type Rule = [RegExp, string | ((text: string) => string)];

const rule = (source: string, ttype: Rule[1]): Rule => [new RegExp(source, 'iuy'), ttype];

const RULES: Rule[] = [
  rule('(--|# )\\+.*?(\\r\\n|\\r|\\n|$)', 'Comment.Single.Hint'),
  rule('/\\*\\+[\\s\\S]*?\\*/', 'Comment.Multiline.Hint'),
  rule('(--|# ).*?(\\r\\n|\\r|\\n|$)', 'Comment.Single'),
  rule('/\\*[\\s\\S]*?\\*/', 'Comment.Multiline'),
  rule('(\\r\\n|\\r|\\n)', 'Text.Whitespace.Newline'),
  rule('\\s', 'Text.Whitespace'),
  rule(':=', 'Assignment'),
  rule('::', 'Punctuation'),
  rule('\\*', 'Wildcard'),
  rule('`(``|[^`])*`', 'Name'),
  rule('´(´´|[^´])*´', 'Name'),
  rule(`((?<!\\S)\\$(?:${L}${W}*)?\\$)[\\s\\S]*?\\1`, 'Literal'),
  rule('\\?', 'Name.Placeholder'),
  rule(`%(\\(${W}+\\))?s`, 'Name.Placeholder'),
  rule(`(?<!${W})[$:?]${W}+`, 'Name.Placeholder'),
  rule(`\\\\${W}+`, 'Generic.Command'),
  rule('(CASE|IN|VALUES|USING|FROM|AS)\\b', 'Keyword'),
  rule(`(@|##|#)${LETTER}${W}+`, 'Name'),
  rule(`${LETTER}${W}*(?=\\s*\\.)`, 'Name'),
  rule(`(?<=\\.)${LETTER}${W}*`, 'Name'),
  rule(`${LETTER}${W}*(?=\\()`, 'Name'),
  rule(`-?0x[${D}A-F]+`, 'Literal.Number.Hexadecimal'),
  rule(`-?${D}+(\\.${D}+)?E-?${D}+`, 'Literal.Number.Float'),
  rule(`(?!${L})-?(${D}+(\\.${D}*)|\\.${D}+)(?!${L})`, 'Literal.Number.Float'),
  rule(`(?!${L})-?${D}+(?!${L})`, 'Literal.Number.Integer'),
  rule("'(''|\\\\'|[^'])*'", 'Literal.String.Single'),
  rule('"(""|\\\\"|[^"])*"', 'Literal.String.Symbol'),
  rule('(""|".*?[^\\\\]")', 'Literal.String.Symbol'),
  rule(`(?<![\\p{L}\\p{N}_\\])])(\\[[^\\]\\[]+\\])`, 'Name'),
  rule('((LEFT\\s+|RIGHT\\s+|FULL\\s+)?(INNER\\s+|OUTER\\s+|STRAIGHT\\s+)?|(CROSS\\s+|NATURAL\\s+)?)?JOIN\\b', 'Keyword'),
  rule('END(\\s+IF|\\s+LOOP|\\s+WHILE)?\\b', 'Keyword'),
  rule('NOT\\s+NULL\\b', 'Keyword'),
  rule('NULLS\\s+(FIRST|LAST)\\b', 'Keyword'),
  rule('UNION\\s+ALL\\b', 'Keyword'),
  rule('CREATE(\\s+OR\\s+REPLACE)?\\b', 'Keyword.DDL'),
  rule('DOUBLE\\s+PRECISION\\b', 'Name.Builtin'),
  rule('GROUP\\s+BY\\b', 'Keyword'),
  rule('ORDER\\s+BY\\b', 'Keyword'),
  rule('HANDLER\\s+FOR\\b', 'Keyword'),
  rule('(LATERAL\\s+VIEW\\s+)(EXPLODE|INLINE|PARSE_URL_TUPLE|POSEXPLODE|STACK)\\b', 'Keyword'),
  rule("(AT|WITH')\\s+TIME\\s+ZONE\\s+'[^']+'", 'Keyword.TZCast'),
  rule('(NOT\\s+)?(LIKE|ILIKE|RLIKE)\\b', 'Operator.Comparison'),
  rule(`[0-9_A-ZÀ-Ü][_$#\\p{L}\\p{N}]*`, wordType),
  rule('[;:()\\[\\],.]', 'Punctuation'),
  rule('[<>=~!]+', 'Operator.Comparison'),
  rule('[+/@#%^&|^-]+', 'Operator'),
];

/** Split `text` into sqlparse tokens. Characters no rule matches become single `Error` tokens. */
export function tokenize(text: string): RawToken[] {
  const out: RawToken[] = [];
  let pos = 0;
  outer: while (pos < text.length) {
    for (const [re, action] of RULES) {
      re.lastIndex = pos;
      const m = re.exec(text);
      if (!m || m[0].length === 0) continue;
      const value = m[0];
      out.push({ ttype: typeof action === 'string' ? action : action(value), value });
      pos += value.length;
      continue outer;
    }
    const ch = String.fromCodePoint(text.codePointAt(pos)!);
    out.push({ ttype: 'Error', value: ch });
    pos += ch.length;
  }
  return out;
}
