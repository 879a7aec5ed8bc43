import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { API, invalidPath, PROXY, startTestClient, type TestClient } from './artifact-test-client.js';

/**
 * Every traversal form, sent through a real socket (so `..` and `%2e%2e` reach the server as
 * written), must answer MLflow's 400 "Invalid path" and touch no file, inside or outside the root.
 */

let c: TestClient;
let root: string;
let outside: string;
let run: { experimentId: string; runId: string; artifactUri: string };

/** Every file and folder under `dir`, with sizes and modification times. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      const st = statSync(full, { throwIfNoEntry: false });
      out.push(`${path.relative(dir, full)} ${st?.size ?? 'dangling'} ${st?.mtimeMs ?? ''}`);
      if (st?.isDirectory() && !path.relative(root, full).startsWith('escape')) walk(full);
    }
  };
  walk(dir);
  return out.sort();
}

beforeAll(async () => {
  c = await startTestClient();
  root = c.emulator.deps.artifactRoot;
  run = await c.newRun('path-safety');
  expect((await c.put(`${PROXY}/${run.experimentId}/${run.runId}/artifacts/ok.txt`, 'ok')).status).toBe(200);
  outside = mkdtempSync(path.join(os.tmpdir(), 'hokusai-outside-'));
  writeFileSync(path.join(outside, 'secret.txt'), 'secret');
  mkdirSync(path.join(outside, 'dir'));
  writeFileSync(path.join(outside, 'dir', 'inner.txt'), 'inner');
  symlinkSync(outside, path.join(root, 'escape-dir'));
  symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'escape-file.txt'));
});

afterAll(async () => {
  await c?.stop();
  if (outside) rmSync(outside, { recursive: true, force: true });
});

const TRAVERSALS: [string, string][] = [
  ['dot-dot segments', '../../etc/passwd'],
  ['dot-dot inside a run path', '1/x/../../../outside.txt'],
  ['a lone dot-dot', '..'],
  ['percent-encoded dots', '%2e%2e/%2e%2e/etc/passwd'],
  ['upper-case percent-encoded dots and slash', '%2E%2E%2F%2E%2E%2Fetc%2Fpasswd'],
  ['an encoded slash between dot-dots', '..%2f..%2fsecret.txt'],
  ['double percent-encoding', '%252e%252e%252f%252e%252e%252fetc%252fpasswd'],
  ['an encoded absolute path', '%2Fetc%2Fpasswd'],
  ['a double slash absolute path', '/etc/passwd'],
  ['backslash traversal', '..%5c..%5csecret.txt'],
  ['a backslash in a name', 'a%5Cb.txt'],
  ['a NUL byte', 'ok.txt%00.png'],
  ['a control character', 'a%0Ab.txt'],
  ['a file URI', 'file:%2F%2F%2Fetc%2Fpasswd'],
  ['a Windows drive path', 'C:%2FWindows%2Fwin.ini'],
  ['an encoded fragment', 'ok.txt%23frag'],
];

describe.each(TRAVERSALS)('when a proxy path holds %s', (_label, rawPath) => {
  test.each(['GET', 'PUT', 'DELETE'])('then %s answers 400 "Invalid path" and no file changes', async (method) => {
    const before = snapshot(root);
    const outsideBefore = snapshot(outside);
    const res = await c.raw(method, `${PROXY}/${rawPath}`, method === 'PUT' ? 'pwned' : undefined);
    expect([res.status, res.body]).toEqual([400, invalidPath]);
    expect(snapshot(root)).toEqual(before);
    expect(snapshot(outside)).toEqual(outsideBefore);
  });

  test('then multipart create answers 400 "Invalid path"', async () => {
    const res = await c.raw('POST', `/api/2.0/mlflow-artifacts/mpu/create/${rawPath}`, JSON.stringify({ path: 'x' }), { 'Content-Type': 'application/json' });
    expect([res.status, res.body]).toEqual([400, invalidPath]);
  });
});

const QUERY_TRAVERSALS = ['../x', '../../etc/passwd', '/etc/passwd', '%2e%2e/x', '%252e%252e%252fx', 'a\\..\\b', 'x\u0000y', 'file:///etc/passwd'];

describe.each(QUERY_TRAVERSALS)('when a query path is %j', (p) => {
  test('then the proxy listing answers 400 "Invalid path"', async () => {
    const res = await c.get(PROXY, { path: p });
    expect([res.status, res.body]).toEqual([400, invalidPath]);
  });

  test('then the run listing answers 400 "Invalid path"', async () => {
    const res = await c.get(`${API}/artifacts/list`, { run_id: run.runId, path: p });
    expect([res.status, res.body]).toEqual([400, invalidPath]);
  });

  test('then get-artifact answers 400 "Invalid path"', async () => {
    const res = await c.get('/get-artifact', { run_id: run.runId, path: p });
    expect([res.status, res.body]).toEqual([400, invalidPath]);
  });

  test('then model-versions/get-artifact answers 400 "Invalid path"', async () => {
    const res = await c.get('/model-versions/get-artifact', { name: 'm', version: '1', path: p });
    expect([res.status, res.body]).toEqual([400, invalidPath]);
  });
});

describe('when a symbolic link inside the artifact root points outside it', () => {
  test.each([
    ['GET', 'escape-file.txt'],
    ['GET', 'escape-dir/secret.txt'],
    ['GET', 'escape-dir/dir/inner.txt'],
    ['PUT', 'escape-dir/planted.txt'],
    ['PUT', 'escape-dir/new/planted.txt'],
    ['DELETE', 'escape-dir/secret.txt'],
    ['DELETE', 'escape-dir/dir'],
  ])('then %s %s answers 400 "Invalid path" and the outside files stay as they were', async (method, p) => {
    const outsideBefore = snapshot(outside);
    const res = await c.raw(method, `${PROXY}/${p}`, method === 'PUT' ? 'pwned' : undefined);
    expect([res.status, res.body]).toEqual([400, invalidPath]);
    expect(snapshot(outside)).toEqual(outsideBefore);
    expect(readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe('secret');
  });

  test('then listing through the link answers 400 "Invalid path"', async () => {
    const res = await c.get(PROXY, { path: 'escape-dir' });
    expect([res.status, res.body]).toEqual([400, invalidPath]);
  });

  test('then a listing of the root leaves the escaping links out', async () => {
    const res = await c.get(PROXY);
    expect(res.status).toBe(200);
    const names = (res.body.files ?? []).map((f: { path: string }) => f.path);
    expect(names).toContain(run.experimentId);
    expect(names).not.toContain('escape-dir');
    expect(names).not.toContain('escape-file.txt');
  });

  test('then a run whose artifact_uri leaves the root cannot list or read through it', async () => {
    const exp = await c.json('POST', `${API}/experiments/create`, { name: 'evil-location', artifact_location: 'mlflow-artifacts:/../..' });
    expect(exp.status).toBe(200);
    const evil = await c.json('POST', `${API}/runs/create`, { experiment_id: exp.body.experiment_id });
    expect(evil.status).toBe(200);
    const runId = evil.body.run.info.run_id;
    expect((await c.get(`${API}/artifacts/list`, { run_id: runId })).status).toBe(400);
    expect((await c.get('/get-artifact', { run_id: runId, path: 'x' })).status).toBe(400);
  });
});

describe('when a path is safe but unusual', () => {
  test('then a name with spaces and percent-encoded characters round-trips', async () => {
    const p = `${run.experimentId}/${run.runId}/artifacts/with%20space%C3%A9.txt`;
    expect((await c.put(`${PROXY}/${p}`, 'fine')).status).toBe(200);
    const res = await c.get(`${PROXY}/${p}`);
    expect([res.status, res.text]).toEqual([200, 'fine']);
    const listed = await c.get(`${API}/artifacts/list`, { run_id: run.runId });
    expect(listed.body.files.map((f: { path: string }) => f.path)).toContain('with spaceé.txt');
  });

  test('then deleting the root itself is refused', async () => {
    const res = await c.raw('DELETE', `${PROXY}/.`);
    expect([res.status, res.body]).toEqual([400, invalidPath]);
    expect(readdirSync(root).length).toBeGreaterThan(0);
  });

  test('then a file name longer than the file system allows answers 400, not a 500', async () => {
    const before = snapshot(root);
    const name = 'ü'.repeat(200);
    const res = await c.put(`${PROXY}/${run.experimentId}/${run.runId}/artifacts/${encodeURIComponent(name)}`, 'x');
    expect([res.status, res.body]).toEqual([
      400,
      { error_code: 'INVALID_PARAMETER_VALUE', message: `Invalid path: '${'ü'.repeat(40)}…' is longer than 255 bytes` },
    ]);
    expect(snapshot(root)).toEqual(before);
  });
});
