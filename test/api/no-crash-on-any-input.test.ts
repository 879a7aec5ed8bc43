import type { OpenAPIV3 } from 'openapi-types';
import { startEmulator, type RunningEmulator } from '../../src/emulator.js';
import { deref, listOperations, loadSpec } from '../../src/spec/load-spec.js';

/**
 * Every documented operation, fed values of every wrong type in every field: the answer is always
 * MLflow's JSON error or a 200, never an HTML 500 (an unhandled exception), and the server lives on.
 */
const doc = loadSpec('mlflow');
const WEIRD: unknown[] = ['', 'x', '../../etc/passwd', '%2e%2e', -1, 0, 1.5, 1e308, 'NaN', true, null, [], ['a', 1], {}, { key: 1 }, 'ü'.repeat(300)];

let e: RunningEmulator;
beforeAll(async () => {
  e = await startEmulator({ apiPort: 0, mlflowPort: 0, inMemory: true, logLevel: 'silent' });
});
afterAll(() => e.stop());

function fieldNames(op: OpenAPIV3.OperationObject): string[] {
  const body = op.requestBody ? deref<OpenAPIV3.RequestBodyObject>(doc, op.requestBody) : undefined;
  const schema = body?.content?.['application/json']?.schema;
  if (schema) return Object.keys(deref<OpenAPIV3.SchemaObject>(doc, schema).properties ?? {});
  return (op.parameters ?? []).map((p) => deref<OpenAPIV3.ParameterObject>(doc, p)).filter((p) => p.in === 'query').map((p) => p.name);
}

const operations = listOperations(doc).filter((o) => o.path.startsWith('/api/') || !o.path.startsWith('/ajax-api/'));

test.each(operations.map((o) => [o.method, o.path, o]))('%s %s never answers an unhandled error', async (method, path, entry) => {
  const names = fieldNames((entry as { operation: OpenAPIV3.OperationObject }).operation);
  const failures: string[] = [];
  for (const value of WEIRD) {
    const fields = Object.fromEntries(names.map((n) => [n, value]));
    const concrete = String(path).replace(/\{(\w+)\+?\}/g, typeof value === 'string' && value ? encodeURIComponent(value) : 'x');
    let url = `${e.mlflowUrl}${concrete}`;
    let body: string | undefined;
    if (method === 'GET') {
      const qs = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
      url += `?${qs}`;
    } else {
      body = JSON.stringify(fields);
    }
    const res = await fetch(url, { method: String(method), headers: body ? { 'Content-Type': 'application/json' } : {}, body });
    const type = res.headers.get('content-type') ?? '';
    await res.arrayBuffer();
    if (res.status >= 500 && !type.startsWith('application/json')) failures.push(`${JSON.stringify(value)} → ${res.status} ${type}`);
  }
  expect(failures).toEqual([]);
  const health = await fetch(`${e.mlflowUrl}/health`);
  expect(await health.text()).toBe('OK');
});
