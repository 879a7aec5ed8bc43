/** Python's text forms (`repr()`, `json.dumps`) of the values MLflow prints in its messages and tags. */

/** A Python tuple, kept apart from lists so that it prints with parentheses. */
export class PyTuple {
  constructor(readonly items: unknown[]) {}
}

/** A float that must print as a float even when integral (`1.0`). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** `repr(str)`: single quotes unless the text has a single quote and no double quote. */
export function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** `repr(bytes)` of UTF-8 (or raw) bytes. */
export function pyBytes(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of bytes) {
    if (b === 0x27) hasSingle = true;
    if (b === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = `b${quote}`;
  for (const b of bytes) {
    if (b === 0x5c) out += '\\\\';
    else if (b === quote.charCodeAt(0)) out += `\\${quote}`;
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b === 0x09) out += '\\t';
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(b);
  }
  return out + quote;
}

/** `repr(float)`: the shortest round-trip digits, in fixed notation for exponents -4..15. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mant, expStr] = Math.abs(x).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  if (exp >= -4 && exp < 16) {
    let fixed: string;
    if (exp < 0) fixed = `0.${'0'.repeat(-exp - 1)}${digits}`;
    else if (digits.length > exp + 1) fixed = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
    else fixed = `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
    return sign + fixed;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp).toString().padStart(2, '0');
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
}

/** `repr()` of a value decoded from JSON or a Python literal (ints are JS integers, floats are `PyFloat`). */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return pyStr(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloat(v);
  if (v instanceof PyFloat) return pyFloat(v.value);
  if (v instanceof PyTuple) {
    const inner = v.items.map(pyRepr).join(', ');
    return v.items.length === 1 ? `(${inner},)` : `(${inner})`;
  }
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyStr(k)}: ${pyRepr(x)}`);
  return `{${entries.join(', ')}}`;
}

/** `str(set_of_strings)`. Python's order varies between processes; this one is sorted. */
export const pySet = (items: Iterable<string>): string => `{${[...items].sort().map(pyStr).join(', ')}}`;

/** `str(list_of_strings)`. */
export const pyList = (items: string[]): string => `[${items.map(pyStr).join(', ')}]`;

/**
 * Python's `json.dumps(value)` (ASCII only): by default with ", " and ": " separators in insertion
 * order; `compact` is `sort_keys=True, separators=(",", ":")`, the form MLflow prints in messages.
 */
export function pythonJsonDumps(value: unknown, compact = false): string {
  const [item, pair] = compact ? [',', ':'] : [', ', ': '];
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => pythonJsonDumps(v, compact)).join(item)}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value as object);
    if (compact) keys.sort();
    return `{${keys.map((k) => `${asciiJson(k)}${pair}${pythonJsonDumps((value as Record<string, unknown>)[k], compact)}`).join(item)}}`;
  }
  if (typeof value === 'number') return pythonJsonNumber(value);
  if (typeof value === 'string') return asciiJson(value);
  return JSON.stringify(value);
}

/** A JSON string literal with every non-ASCII UTF-16 unit escaped as \uXXXX (Python's ensure_ascii). */
export function asciiJson(text: string): string {
  return JSON.stringify(text).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function pythonJsonNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return Number.isInteger(value) ? BigInt(value).toString() : pyFloat(value);
}
