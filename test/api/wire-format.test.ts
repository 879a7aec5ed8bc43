import { startEmulator, type RunningEmulator } from '../../src/emulator.js';

let e: RunningEmulator;
beforeAll(async () => {
  e = await startEmulator({ apiPort: 0, mlflowPort: 0, inMemory: true, logLevel: 'silent' });
});
afterAll(() => e.stop());

describe('when the MLflow listener answers JSON', () => {
  test('then it is pretty-printed (indent 2) as `application/json` without a charset, with nosniff', async () => {
    const res = await fetch(`${e.mlflowUrl}/api/2.0/mlflow/experiments/get?experiment_id=0`);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const text = await res.text();
    expect(text.startsWith('{\n  "experiment": {\n    "experiment_id": "0",')).toBe(true);
  });

  test('then an error has the same form', async () => {
    const res = await fetch(`${e.mlflowUrl}/api/2.0/mlflow/experiments/get?experiment_id=404404`);
    expect([res.status, res.headers.get('content-type')]).toEqual([404, 'application/json']);
    expect(await res.text()).toBe('{\n  "error_code": "RESOURCE_DOES_NOT_EXIST",\n  "message": "No Experiment with id=404404 exists"\n}');
  });
});

describe('when a client probes with HEAD or OPTIONS', () => {
  test('then HEAD /health answers 200 with no body', async () => {
    const res = await fetch(`${e.mlflowUrl}/health`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  test('then an OPTIONS preflight on an API path answers 204 with the allowed methods', async () => {
    const res = await fetch(`${e.mlflowUrl}/api/2.0/mlflow/runs/create`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('allow')).toBe('OPTIONS, POST');
  });
});

describe('when the Hokusai API listener is asked for something it does not serve', () => {
  test('then it answers FastAPI\'s 404 {"detail": "Not Found"}', async () => {
    const res = await fetch(`${e.apiUrl}/nope`);
    expect([res.status, res.headers.get('content-type'), await res.json()]).toEqual([404, 'application/json', { detail: 'Not Found' }]);
  });

  test('then /health answers the lightweight health document', async () => {
    const res = await fetch(`${e.apiUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'healthy',
      version: '1.0.0',
      services: { api: 'healthy', dependency_checks: 'skipped' },
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      system_info: null,
    });
  });
});

describe('when a person opens the MLflow listener in a browser', () => {
  test('then / is a landing page that links to Swagger UI and the document', async () => {
    const res = await fetch(`${e.mlflowUrl}/`);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    const html = await res.text();
    expect(html).toContain('<a href="docs/">Swagger UI</a>');
    expect(html).toContain('<a href="openapi.json">OpenAPI document</a>');
  });
});
