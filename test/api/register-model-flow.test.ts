import { API, PROXY, startTestClient, type TestClient } from './artifact-test-client.js';

/**
 * The whole flow an MLflow client makes to register a model, in order and over HTTP:
 * log files through the artifact proxy, register them from a `runs:/` source, wait for READY,
 * stage, alias, and resolve the download URI.
 */
let c: TestClient;
beforeAll(async () => {
  c = await startTestClient();
});
afterAll(() => c.stop());

const MLMODEL = 'artifact_path: model\nflavors:\n  python_function:\n    loader_module: mlflow.sklearn\n';
const WEIGHTS = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));

async function pollUntilReady(name: string, version: string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const got = await c.get(`${API}/model-versions/get`, { name, version });
    expect(got.status).toBe(200);
    if (got.body.model_version.status === 'READY') return got.body.model_version;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('model version never became READY');
}

test('when a client logs, registers, stages and aliases a model, then every step answers as MLflow does', async () => {
  const { experimentId, runId, artifactUri } = await c.newRun('flow');
  expect(artifactUri).toBe(`mlflow-artifacts:/${experimentId}/${runId}/artifacts`);
  const runRoot = `${PROXY}/${experimentId}/${runId}/artifacts`;

  expect((await c.put(`${runRoot}/model/MLmodel`, MLMODEL, 'text/plain')).body).toEqual({});
  expect((await c.put(`${runRoot}/model/model.pkl`, WEIGHTS)).body).toEqual({});

  const listed = await c.get(PROXY, { path: `${experimentId}/${runId}/artifacts/model` });
  expect(listed.body).toEqual({
    files: [
      { path: 'MLmodel', is_dir: false, file_size: Buffer.byteLength(MLMODEL) },
      { path: 'model.pkl', is_dir: false, file_size: WEIGHTS.length },
    ],
  });
  const downloaded = await c.get(`${runRoot}/model/model.pkl`);
  expect(downloaded.status).toBe(200);
  expect(downloaded.headers['content-disposition']).toBe('attachment; filename=model.pkl');
  expect(downloaded.bytes.equals(WEIGHTS)).toBe(true);

  const created = await c.json('POST', `${API}/registered-models/create`, { name: 'flow-model' });
  expect(created.status).toBe(200);
  // As recorded from MLflow 3.6: a model created without a description has no `description` key.
  expect(created.body.registered_model).toEqual({ name: 'flow-model', creation_timestamp: expect.any(Number), last_updated_timestamp: expect.any(Number) });

  const source = `runs:/${runId}/model`;
  const versions: string[] = [];
  for (let i = 0; i < 2; i += 1) {
    const v = await c.json('POST', `${API}/model-versions/create`, { name: 'flow-model', source, run_id: runId });
    expect(v.status).toBe(200);
    versions.push(v.body.model_version.version);
  }
  expect(versions).toEqual(['1', '2']);
  const ready = await pollUntilReady('flow-model', '2');
  expect(ready).toMatchObject({ name: 'flow-model', version: '2', current_stage: 'None', source, run_id: runId, status: 'READY' });

  const staged1 = await c.json('POST', `${API}/model-versions/transition-stage`, { name: 'flow-model', version: '1', stage: 'staging', archive_existing_versions: false });
  expect(staged1.body.model_version.current_stage).toBe('Staging');
  const staged2 = await c.json('POST', `${API}/model-versions/transition-stage`, { name: 'flow-model', version: '2', stage: 'Staging', archive_existing_versions: true });
  expect(staged2.body.model_version.current_stage).toBe('Staging');
  expect((await c.get(`${API}/model-versions/get`, { name: 'flow-model', version: '1' })).body.model_version.current_stage).toBe('Archived');

  expect((await c.json('POST', `${API}/registered-models/alias`, { name: 'flow-model', alias: 'champion', version: '2' })).body).toEqual({});
  const byAlias = await c.get(`${API}/registered-models/alias`, { name: 'flow-model', alias: 'champion' });
  expect(byAlias.status).toBe(200);
  expect(byAlias.body.model_version).toMatchObject({ version: '2', aliases: ['champion'], current_stage: 'Staging' });

  const uri = await c.get(`${API}/model-versions/get-download-uri`, { name: 'flow-model', version: '2' });
  expect(uri.body).toEqual({ artifact_uri: source });

  const viaRegistry = await c.get('/model-versions/get-artifact', { name: 'flow-model', version: '2', path: 'model.pkl' });
  expect(viaRegistry.status).toBe(200);
  expect(viaRegistry.bytes.equals(WEIGHTS)).toBe(true);

  const model = await c.get(`${API}/registered-models/get`, { name: 'flow-model' });
  expect(model.body.registered_model.aliases).toEqual([{ alias: 'champion', version: '2' }]);
  expect(model.body.registered_model.latest_versions.map((v: { version: string; current_stage: string }) => [v.version, v.current_stage])).toEqual(
    expect.arrayContaining([
      ['1', 'Archived'],
      ['2', 'Staging'],
    ]),
  );
});
