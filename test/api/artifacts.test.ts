import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { API, PROXY, startTestClient, type TestClient } from './artifact-test-client.js';

let c: TestClient;
let run: { experimentId: string; runId: string; artifactUri: string };
let runDir: string;

beforeAll(async () => {
  c = await startTestClient();
  run = await c.newRun('artifacts-test');
  runDir = `${run.experimentId}/${run.runId}/artifacts`;
  for (const [p, data] of [
    ['dir/a.txt', 'hello'],
    ['dir/sub/b.json', '{"k": 1}\n'],
    ['model/MLmodel', 'artifact_path: model\nflavors: {}\n'],
    ['noct.txt', 'no content type'],
  ]) {
    expect((await c.put(`${PROXY}/${runDir}/${p}`, data)).status).toBe(200);
  }
  expect((await c.put(`${PROXY}/${runDir}/bin/blob.bin`, Buffer.from([0, 1, 2, 255]))).status).toBe(200);
});

afterAll(async () => {
  await c?.stop();
});

describe('the artifact proxy', () => {
  test('when a file is uploaded, then it is a file under the artifact root and not part of the JSON store', async () => {
    const file = path.join(c.emulator.deps.artifactRoot, run.experimentId, run.runId, 'artifacts', 'dir', 'a.txt');
    expect(readFileSync(file, 'utf8')).toBe('hello');
    expect(JSON.stringify(c.emulator.deps.store.data)).not.toContain('no content type');
  });

  test('when a file is uploaded without a Content-Type, then it is accepted', async () => {
    const res = await c.raw('PUT', `${PROXY}/${runDir}/plain.bin`, 'abc');
    expect([res.status, res.body]).toEqual([200, {}]);
  });

  test('when a text file is downloaded, then the bytes come back as a text/plain attachment', async () => {
    const res = await c.get(`${PROXY}/${runDir}/dir/a.txt`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.headers['content-disposition']).toBe('attachment; filename=a.txt');
    expect(res.headers['content-length']).toBe('5');
    expect(res.text).toBe('hello');
  });

  test.each([
    ['bin/blob.bin', 'application/octet-stream'],
    ['dir/sub/b.json', 'text/plain'],
    ['model/MLmodel', 'text/plain'],
  ])('when %s is downloaded, then its type is %s', async (p, type) => {
    const res = await c.get(`${PROXY}/${runDir}/${p}`);
    expect([res.status, res.headers['content-type']]).toEqual([200, type]);
  });

  test('when a binary file is downloaded, then every byte is the uploaded one', async () => {
    const res = await c.get(`${PROXY}/${runDir}/bin/blob.bin`);
    expect([...res.bytes]).toEqual([0, 1, 2, 255]);
  });

  test('when a file is uploaded again, then it is replaced and no temporary file is left', async () => {
    await c.put(`${PROXY}/${runDir}/again.txt`, 'one');
    await c.put(`${PROXY}/${runDir}/again.txt`, 'two');
    expect((await c.get(`${PROXY}/${runDir}/again.txt`)).text).toBe('two');
    const names = readdirSync(path.join(c.emulator.deps.artifactRoot, run.experimentId, run.runId, 'artifacts'));
    expect(names.filter((n) => n.includes('again'))).toEqual(['again.txt']);
  });

  test('when a missing file is downloaded, then the answer is 404 RESOURCE_DOES_NOT_EXIST without a server path', async () => {
    const res = await c.get(`${PROXY}/${runDir}/dir/none.txt`);
    expect(res.status).toBe(404);
    expect(res.body.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect(res.body.message).not.toContain(c.emulator.deps.artifactRoot);
  });

  test('when a directory is downloaded, then the answer is 400', async () => {
    const res = await c.get(`${PROXY}/${runDir}/dir`);
    expect([res.status, res.body.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
  });

  test('when a folder is listed, then entries are basenames in name order and folders have no size', async () => {
    const res = await c.get(PROXY, { path: `${runDir}/dir` });
    expect([res.status, res.body]).toEqual([200, { files: [{ path: 'a.txt', is_dir: false, file_size: 5 }, { path: 'sub', is_dir: true }] }]);
  });

  test('when a missing folder or a file is listed, then the answer is {}', async () => {
    expect((await c.get(PROXY, { path: `${runDir}/nope` })).body).toEqual({});
    expect((await c.get(PROXY, { path: `${runDir}/dir/a.txt` })).body).toEqual({});
  });

  test('when a file, a missing path and a folder are deleted, then each answers {} and the folder goes recursively', async () => {
    await c.put(`${PROXY}/${runDir}/gone/x/y.txt`, 'y');
    await c.put(`${PROXY}/${runDir}/gone.txt`, 'z');
    for (const p of ['gone.txt', 'never-there.txt', 'gone']) {
      const res = await c.raw('DELETE', `${PROXY}/${runDir}/${p}`);
      expect([p, res.status, res.body]).toEqual([p, 200, {}]);
    }
    expect(existsSync(path.join(c.emulator.deps.artifactRoot, runDir, 'gone'))).toBe(false);
    expect((await c.get(`${PROXY}/${runDir}/gone.txt`)).status).toBe(404);
  });

  test.each(['create', 'complete', 'abort'])('when multipart %s is called, then the answer is 501 NOT_IMPLEMENTED', async (op) => {
    const res = await c.json('POST', `/api/2.0/mlflow-artifacts/mpu/${op}/${runDir}/big.bin`, { path: `${runDir}/big.bin`, upload_id: 'u', parts: [] });
    expect([res.status, res.body]).toEqual([501, { error_code: 'NOT_IMPLEMENTED', message: 'Multipart upload is not supported for the current artifact repository' }]);
  });

  test('when the proxy is called under /ajax-api, then it answers the same', async () => {
    const res = await c.get(`/ajax-api/2.0/mlflow-artifacts/artifacts/${runDir}/dir/a.txt`);
    expect([res.status, res.text]).toEqual([200, 'hello']);
  });

  test('when a 20 MB body is streamed from a generator, then the stored file has every byte', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 7);
    async function* body() {
      for (let i = 0; i < 20; i += 1) yield chunk;
    }
    const res = await fetch(`${c.emulator.mlflowUrl}${PROXY}/${runDir}/big/blob.bin`, {
      method: 'PUT',
      body: Readable.from(body()) as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    const down = await fetch(`${c.emulator.mlflowUrl}${PROXY}/${runDir}/big/blob.bin`);
    expect(down.headers.get('content-length')).toBe(String(20 * 1024 * 1024));
    expect((await down.arrayBuffer()).byteLength).toBe(20 * 1024 * 1024);
  });

  test('when an upload is cut off midway, then neither the file nor a temporary file is left', async () => {
    const base = new URL(c.emulator.mlflowUrl);
    await new Promise<void>((resolve) => {
      const req = http.request({ host: base.hostname, port: base.port, method: 'PUT', path: `${PROXY}/${runDir}/cut/part.bin`, headers: { 'Content-Length': '1000000' } });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(1000, 1), () => setTimeout(() => req.destroy(), 50));
      req.on('close', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 100));
    const dir = path.join(c.emulator.deps.artifactRoot, runDir, 'cut');
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});

describe('the tracking artifact endpoints', () => {
  test('when a run folder is listed, then paths are run-relative and root_uri is the run artifact_uri', async () => {
    const res = await c.get(`${API}/artifacts/list`, { run_id: run.runId, path: 'dir' });
    expect([res.status, res.body]).toEqual([
      200,
      { root_uri: run.artifactUri, files: [{ path: 'dir/a.txt', is_dir: false, file_size: 5 }, { path: 'dir/sub', is_dir: true }] },
    ]);
  });

  test('when the run root is listed with run_uuid, then folders and files of the root come back', async () => {
    const res = await c.get(`${API}/artifacts/list`, { run_uuid: run.runId });
    expect(res.status).toBe(200);
    expect(res.body.files.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['bin', 'dir', 'model', 'noct.txt']));
  });

  test('when a missing folder is listed, then only root_uri comes back', async () => {
    const res = await c.get(`${API}/artifacts/list`, { run_id: run.runId, path: 'nope' });
    expect(res.body).toEqual({ root_uri: run.artifactUri });
  });

  test('when the run does not exist, then list and get-artifact answer 404', async () => {
    const list = await c.get(`${API}/artifacts/list`, { run_id: 'f'.repeat(32) });
    expect([list.status, list.body.message]).toEqual([404, `Run with id=${'f'.repeat(32)} not found`]);
    const get = await c.get('/get-artifact', { run_id: 'f'.repeat(32), path: 'a.txt' });
    expect(get.status).toBe(404);
  });

  test('when get-artifact is called, then the file comes back as an attachment', async () => {
    const res = await c.get('/get-artifact', { run_id: run.runId, path: 'dir/a.txt' });
    expect([res.status, res.headers['content-type'], res.headers['content-disposition'], res.text]).toEqual([200, 'text/plain', 'attachment; filename=a.txt', 'hello']);
  });

  test('when get-artifact names a missing file, then the answer is 404 JSON, not an HTML 500', async () => {
    const res = await c.get('/get-artifact', { run_id: run.runId, path: 'dir/none.txt' });
    expect([res.status, res.contentType, res.body.error_code]).toEqual([404, 'application/json', 'RESOURCE_DOES_NOT_EXIST']);
  });

  test('when get-artifact has no path, then the answer is 400 naming the parameter', async () => {
    const res = await c.get('/get-artifact', { run_id: run.runId });
    expect([res.status, res.body.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    expect(res.body.message).toContain("'path'");
  });

  test('when a model version points at run artifacts, then model-versions/get-artifact serves its files', async () => {
    expect((await c.json('POST', `${API}/registered-models/create`, { name: 'art-model' })).status).toBe(200);
    const v1 = await c.json('POST', `${API}/model-versions/create`, { name: 'art-model', source: `runs:/${run.runId}/model`, run_id: run.runId });
    const v2 = await c.json('POST', `${API}/model-versions/create`, { name: 'art-model', source: `${run.artifactUri}/model`, run_id: run.runId });
    expect([v1.status, v2.status]).toEqual([200, 200]);
    for (const version of ['1', '2']) {
      const res = await c.get('/model-versions/get-artifact', { name: 'art-model', version, path: 'MLmodel' });
      expect([version, res.status, res.headers['content-type'], res.text]).toEqual([version, 200, 'text/plain', 'artifact_path: model\nflavors: {}\n']);
    }
  });

  test('when a model version is unknown, then model-versions/get-artifact answers 404', async () => {
    const res = await c.get('/model-versions/get-artifact', { name: 'art-model', version: '99', path: 'MLmodel' });
    expect([res.status, res.body.message]).toEqual([404, 'Model Version (name=art-model, version=99) not found']);
  });

  test('when a model version points outside the artifact store, then its files are 404', async () => {
    await c.json('POST', `${API}/model-versions/create`, { name: 'art-model', source: 's3://bucket/model' });
    const res = await c.get('/model-versions/get-artifact', { name: 'art-model', version: '3', path: 'MLmodel' });
    expect([res.status, res.body.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
  });
});
