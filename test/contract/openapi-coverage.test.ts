import type { OpenAPIV3 } from 'openapi-types';
import { startEmulator, type RunningEmulator } from '../../src/emulator.js';
import { mlflowHandlers } from '../../src/mlflow/index.js';
import { handlerId, listOperations, loadSpec } from '../../src/spec/load-spec.js';

const mlflowDoc = loadSpec('mlflow');
const hokusaiDoc = loadSpec('hokusai');
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ apiPort: 0, mlflowPort: 0, inMemory: true, logLevel: 'silent' });
});
afterAll(async () => {
  await emulator?.stop();
});

function concretePath(p: string): string {
  return p.replace(/\{(\w+)\+?\}/g, 'x');
}

describe('when the MLflow document is compared with what the listener serves', () => {
  test('then every handler is bound to a documented operation', () => {
    const bound = new Set(listOperations(mlflowDoc).map((o) => handlerId(o.operation)));
    const unbound = Object.keys(mlflowHandlers).filter((id) => !bound.has(id));
    expect(unbound).toEqual([]);
  });

  test('then operationIds are unique', () => {
    const ids = listOperations(mlflowDoc).map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('then every /api/2.0 operation is documented under /ajax-api/2.0 too', () => {
    const paths = Object.keys(mlflowDoc.paths);
    const missing = paths.filter((p) => p.startsWith('/api/2.0/')).filter((p) => !paths.includes(p.replace('/api/2.0/', '/ajax-api/2.0/')));
    expect(missing).toEqual([]);
  });

  test.each(listOperations(mlflowDoc).map((o) => [o.method, o.path]))('then %s %s is served (not the 404/405 fallback)', async (method, p) => {
    const res = await fetch(`${emulator.mlflowUrl}${concretePath(p)}`, {
      method,
      headers: method === 'GET' || method === 'DELETE' ? {} : { 'Content-Type': 'application/json' },
      body: method === 'GET' ? undefined : '{}',
    });
    const text = await res.text();
    expect([res.status, text.includes('<title>404 Not Found</title>') || res.status === 405]).toEqual([res.status, false]);
  });

  test('then a path outside the document is the HTML 404', async () => {
    const res = await fetch(`${emulator.mlflowUrl}/api/2.0/mlflow/not-a-route`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('when a client fetches the documents', () => {
  test.each([
    ['mlflow', () => emulator.mlflowUrl, mlflowDoc],
    ['hokusai', () => emulator.apiUrl, hokusaiDoc],
  ] as [string, () => string, OpenAPIV3.Document][])('then the %s listener serves its document and Swagger UI', async (_name, base, doc) => {
    const json = await fetch(`${base()}/openapi.json`);
    expect(json.status).toBe(200);
    const served = (await json.json()) as OpenAPIV3.Document;
    expect(Object.keys(served.paths).sort()).toEqual(Object.keys(doc.paths).sort());
    const ui = await fetch(`${base()}/docs/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain(`<title>${doc.info.title}</title>`);
    const init = await (await fetch(`${base()}/docs/swagger-ui-init.js`)).text();
    expect(init).toContain(JSON.stringify(doc.info.title));
    const other = doc === mlflowDoc ? hokusaiDoc : mlflowDoc;
    expect(init).not.toContain(JSON.stringify(other.info.title));
  });
});
