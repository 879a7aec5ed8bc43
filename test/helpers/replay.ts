import { readFileSync } from 'node:fs';

/** One recorded exchange of the MLflow 3.6 conformance transcript (format: its README). */
export interface Step {
  name: string;
  method: string;
  path: string;
  query: Record<string, string | string[]> | null;
  headers: Record<string, string> | null;
  body: unknown;
  expect: { status: number; content_type: string; body: unknown };
  known_server_bug?: boolean;
  reason?: string;
}

export interface StepResult {
  step: Step;
  ok: boolean;
  differences: string[];
  actual: { method: string; path: string; status: number; contentType: string; body: unknown };
}

export function loadTranscript(file: string): Step[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Step);
}

type Captured = Map<string, unknown>;

function lookup(captured: Captured, ref: string): unknown {
  const [step, ...parts] = ref.split('.');
  let node = captured.get(step);
  for (const part of parts) node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
}

function fill(text: string, captured: Captured): string {
  return text.replace(/\{\{([^}]+)\}\}/g, (_m, ref: string) => String(lookup(captured, ref)));
}

function fillDeep(value: unknown, captured: Captured): unknown {
  if (typeof value === 'string') return fill(value, captured);
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, captured));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillDeep(v, captured)]));
  }
  return value;
}

const ANY: Record<string, (v: unknown) => boolean> = {
  timestamp: (v) => typeof v === 'number' && Number.isInteger(v),
  hex32: (v) => typeof v === 'string' && /^[0-9a-f]{32}$/.test(v),
  model_id: (v) => typeof v === 'string' && /^m-[0-9a-f]{32}$/.test(v),
  run_name: (v) => typeof v === 'string' && /^[a-z]+-[a-z]+-\d{1,4}$/.test(v),
  string: (v) => typeof v === 'string',
};

/** Compares a response value with an expectation (matchers, placeholders); returns the differences. */
export function compare(expected: unknown, actual: unknown, captured: Captured, at = '$'): string[] {
  if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
    const e = expected as Record<string, unknown>;
    if ('$any' in e) return ANY[e.$any as string]?.(actual) ? [] : [`${at}: expected any ${e.$any}, got ${JSON.stringify(actual)}`];
    if ('$ref' in e) return compare(lookup(captured, e.$ref as string), actual, captured, at);
    if ('$regex' in e) {
      return typeof actual === 'string' && new RegExp(e.$regex as string).test(actual) ? [] : [`${at}: ${JSON.stringify(actual)} !~ ${e.$regex}`];
    }
    if ('$unordered' in e) return compareUnordered(e.$unordered as unknown[], actual, captured, at);
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return [`${at}: expected object, got ${JSON.stringify(actual)}`];
    const a = actual as Record<string, unknown>;
    const diffs: string[] = [];
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if (!(key in a)) diffs.push(`${at}.${key}: missing`);
      else if (!(key in e)) diffs.push(`${at}.${key}: unexpected ${JSON.stringify(a[key]).slice(0, 120)}`);
      else diffs.push(...compare(e[key], a[key], captured, `${at}.${key}`));
    }
    return diffs;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected array, got ${JSON.stringify(actual)?.slice(0, 120)}`];
    if (actual.length !== expected.length) return [`${at}: expected ${expected.length} items, got ${actual.length}`];
    return expected.flatMap((e, i) => compare(e, actual[i], captured, `${at}[${i}]`));
  }
  if (typeof expected === 'string') {
    const want = fill(expected, captured);
    return actual === want ? [] : [`${at}: expected ${JSON.stringify(want).slice(0, 200)}, got ${JSON.stringify(actual)?.slice(0, 200)}`];
  }
  if (typeof expected === 'number') {
    return typeof actual === 'number' && actual === expected ? [] : [`${at}: expected ${expected}, got ${JSON.stringify(actual)}`];
  }
  return expected === actual ? [] : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

function compareUnordered(expected: unknown[], actual: unknown, captured: Captured, at: string): string[] {
  if (!Array.isArray(actual)) return [`${at}: expected array, got ${JSON.stringify(actual)?.slice(0, 120)}`];
  if (actual.length !== expected.length) return [`${at}: expected ${expected.length} items (any order), got ${actual.length}`];
  const left = [...actual];
  for (const e of expected) {
    const i = left.findIndex((a) => compare(e, a, captured).length === 0);
    if (i < 0) return [`${at}: no match for ${JSON.stringify(e).slice(0, 160)} among ${JSON.stringify(left).slice(0, 300)}`];
    left.splice(i, 1);
  }
  return [];
}

function requestBody(step: Step, captured: Captured): Buffer | undefined {
  const body = step.body as Record<string, unknown> | null;
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'object' && !Array.isArray(body) && '$raw' in body) return Buffer.from(body.$raw as string, 'utf8');
  if (typeof body === 'object' && !Array.isArray(body) && '$base64' in body) return Buffer.from(body.$base64 as string, 'base64');
  return Buffer.from(JSON.stringify(fillDeep(body, captured)), 'utf8');
}

function url(base: string, step: Step, captured: Captured): string {
  const u = new URL(fill(step.path, captured), base);
  for (const [k, v] of Object.entries(step.query ?? {})) {
    for (const item of Array.isArray(v) ? v : [v]) u.searchParams.append(k, fill(item, captured));
  }
  return u.toString();
}

/** Replays every step in order against `baseUrl`, 2 ms apart, and reports each one. */
export async function replay(baseUrl: string, steps: Step[]): Promise<StepResult[]> {
  const captured: Captured = new Map();
  const results: StepResult[] = [];
  for (const step of steps) {
    await new Promise((r) => setTimeout(r, 2));
    const target = url(baseUrl, step, captured);
    const res = await fetch(target, {
      method: step.method,
      headers: step.headers ?? {},
      body: ((b) => (b ? new Uint8Array(b) : undefined))(requestBody(step, captured)),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    let parsed: unknown;
    if (contentType === 'application/json') {
      try {
        parsed = JSON.parse(bytes.toString('utf8'));
        captured.set(step.name, parsed);
      } catch {
        parsed = undefined;
      }
    }
    const differences: string[] = [];
    if (res.status !== step.expect.status) differences.push(`status: expected ${step.expect.status}, got ${res.status}`);
    if (contentType !== step.expect.content_type) differences.push(`content type: expected ${step.expect.content_type}, got ${contentType}`);
    const want = step.expect.body as Record<string, unknown>;
    if (want && typeof want === 'object' && '$text_prefix' in want) {
      if (!bytes.toString('utf8').startsWith(want.$text_prefix as string)) differences.push(`text: expected prefix ${JSON.stringify(want.$text_prefix)}, got ${JSON.stringify(bytes.toString('utf8').slice(0, 120))}`);
    } else if (want && typeof want === 'object' && '$base64_prefix' in want) {
      const prefix = Buffer.from(want.$base64_prefix as string, 'base64');
      if (!bytes.subarray(0, prefix.length).equals(prefix)) differences.push('bytes: prefix differs');
    } else if (contentType === 'application/json') {
      differences.push(...compare(want, parsed, captured));
    }
    const actual = { method: step.method, path: new URL(target).pathname, status: res.status, contentType, body: parsed };
    results.push({ step, ok: differences.length === 0, differences, actual });
  }
  return results;
}
