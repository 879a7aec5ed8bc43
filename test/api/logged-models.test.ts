import { API, PROXY, startTestClient, type TestClient } from './artifact-test-client.js';

let c: TestClient;
let run: { experimentId: string; runId: string; artifactUri: string };

const LM = `${API}/logged-models`;
const pause = () => new Promise((r) => setTimeout(r, 3));

beforeAll(async () => {
  c = await startTestClient();
  run = await c.newRun('logged-models-test');
});

afterAll(async () => {
  await c?.stop();
});

async function create(body: Record<string, unknown>) {
  const res = await c.json('POST', LM, { experiment_id: run.experimentId, ...body });
  expect(res.status).toBe(200);
  await pause();
  return res.body.model;
}

describe('creating and reading logged models', () => {
  test('when a model is created, then it is pending, has an m- id and an artifact_uri under the experiment', async () => {
    const res = await c.json('POST', LM, {
      experiment_id: run.experimentId,
      name: 'lm-a',
      source_run_id: run.runId,
      model_type: 'test',
      params: [{ key: 'lr', value: '0.1' }],
      tags: [{ key: 't', value: '1' }],
    });
    expect(res.status).toBe(200);
    const id = res.body.model.info.model_id;
    expect(id).toMatch(/^m-[0-9a-f]{32}$/);
    expect(res.body).toEqual({
      model: {
        info: {
          model_id: id,
          experiment_id: run.experimentId,
          name: 'lm-a',
          creation_timestamp_ms: expect.any(Number),
          last_updated_timestamp_ms: res.body.model.info.creation_timestamp_ms,
          artifact_uri: `mlflow-artifacts:/${run.experimentId}/models/${id}/artifacts`,
          status: 'LOGGED_MODEL_PENDING',
          model_type: 'test',
          source_run_id: run.runId,
          tags: [{ key: 't', value: '1' }],
        },
        data: { params: [{ key: 'lr', value: '0.1' }] },
      },
    });
    const got = await c.get(`${LM}/${id}`);
    expect([got.status, got.body]).toEqual([200, res.body]);
  });

  test('when a model is created with only an experiment, then it gets a random name and empty type and run', async () => {
    const model = await create({});
    expect(model.info.name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    expect([model.info.model_type, model.info.source_run_id, model.data]).toEqual(['', '', {}]);
  });

  test('when the name holds a forbidden character, then the answer is 400', async () => {
    const res = await c.json('POST', LM, { experiment_id: run.experimentId, name: 'a/b' });
    expect([res.status, res.body.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    expect(res.body.message).toContain("Invalid model name ('a/b') provided.");
  });

  test('when the experiment is missing or experiment_id is absent, then the answer is 404 or 400', async () => {
    const missing = await c.json('POST', LM, { experiment_id: '987654' });
    expect([missing.status, missing.body.message]).toEqual([404, 'No Experiment with id=987654 exists']);
    const absent = await c.json('POST', LM, { name: 'x' });
    expect([absent.status, absent.body.message]).toEqual([400, "Missing value for required parameter 'experiment_id'. See the API docs for more information about request parameters."]);
  });

  test('when an unknown model is read, then the answer is 404 with MLflow\'s message', async () => {
    const res = await c.get(`${LM}/m-00000000000000000000000000000000`);
    expect([res.status, res.body]).toEqual([404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: "Logged model with ID 'm-00000000000000000000000000000000' not found." }]);
  });

  test('when the API is called under /ajax-api, then it answers the same', async () => {
    const model = await create({ name: 'ajax' });
    const res = await c.get(`/ajax-api/2.0/mlflow/logged-models/${model.info.model_id}`);
    expect([res.status, res.body.model.info.name]).toEqual([200, 'ajax']);
  });
});

describe('updating logged models', () => {
  test('when a model is finalized, then its status and last update time change', async () => {
    const model = await create({ name: 'fin' });
    const id = model.info.model_id;
    const res = await c.json('PATCH', `${LM}/${id}`, { model_id: id, status: 'LOGGED_MODEL_READY' });
    expect(res.status).toBe(200);
    expect(res.body.model.info.status).toBe('LOGGED_MODEL_READY');
    expect(res.body.model.info.last_updated_timestamp_ms).toBeGreaterThan(model.info.creation_timestamp_ms);
  });

  test('when the status is not a known one, then finalize answers 400', async () => {
    const model = await create({ name: 'fin-bad' });
    const res = await c.json('PATCH', `${LM}/${model.info.model_id}`, { model_id: model.info.model_id, status: 'DONE' });
    expect([res.status, res.body.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
  });

  test('when tags are set and one is deleted, then get shows the rest', async () => {
    const model = await create({ name: 'tagged', tags: [{ key: 'a', value: '1' }] });
    const id = model.info.model_id;
    expect((await c.json('PATCH', `${LM}/${id}/tags`, { tags: [{ key: 'a', value: '2' }, { key: 'b', value: '3' }] })).body).toEqual({});
    expect((await c.raw('DELETE', `${LM}/${id}/tags/b`)).body).toEqual({});
    expect((await c.get(`${LM}/${id}`)).body.model.info.tags).toEqual([{ key: 'a', value: '2' }]);
  });

  test('when a missing tag is deleted, then the answer is 404', async () => {
    const model = await create({ name: 'no-tag' });
    const res = await c.raw('DELETE', `${LM}/${model.info.model_id}/tags/nope`);
    expect([res.status, res.body.message]).toEqual([404, `No tag with key 'nope' found for model with ID '${model.info.model_id}'.`]);
  });

  test('when params are logged, then a new key is added, the same value is fine and another value is a 400', async () => {
    const model = await create({ name: 'params', params: [{ key: 'lr', value: '0.1' }] });
    const id = model.info.model_id;
    const add = await c.json('POST', `${LM}/${id}/params`, { model_id: id, params: [{ key: 'lr', value: '0.1' }, { key: 'depth', value: '3' }] });
    expect([add.status, add.body]).toEqual([200, {}]);
    const change = await c.json('POST', `${LM}/${id}/params`, { model_id: id, params: [{ key: 'lr', value: '0.2' }] });
    expect([change.status, change.body.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    expect((await c.get(`${LM}/${id}`)).body.model.data.params).toEqual([{ key: 'lr', value: '0.1' }, { key: 'depth', value: '3' }]);
  });

  test('when a model is deleted, then get, tags and a second delete answer 404', async () => {
    const model = await create({ name: 'doomed' });
    const id = model.info.model_id;
    expect((await c.raw('DELETE', `${LM}/${id}`)).body).toEqual({});
    expect((await c.get(`${LM}/${id}`)).status).toBe(404);
    expect((await c.json('PATCH', `${LM}/${id}/tags`, { tags: [{ key: 'a', value: 'b' }] })).status).toBe(404);
    expect((await c.raw('DELETE', `${LM}/${id}`)).status).toBe(404);
  });
});

describe('searching logged models', () => {
  let exp: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    exp = (await c.json('POST', `${API}/experiments/create`, { name: 'lm-search' })).body.experiment_id;
    const searchRun = (await c.json('POST', `${API}/runs/create`, { experiment_id: exp })).body.run.info.run_id;
    for (const [name, acc, team] of [['s-one', 0.5, 'core'], ['s-two', 0.9, 'edge'], ['s-three', 0.7, 'core']] as const) {
      const res = await c.json('POST', LM, { experiment_id: exp, name, tags: [{ key: 'team', value: team }], params: [{ key: 'p', value: name }] });
      ids[name] = res.body.model.info.model_id;
      const logged = await c.json('POST', `${API}/runs/log-batch`, {
        run_id: searchRun,
        metrics: [{ key: 'acc', value: acc, timestamp: 1000, step: 0, model_id: ids[name] }],
      });
      expect(logged.status).toBe(200);
      await pause();
    }
  });

  const search = (body: Record<string, unknown>) => c.json('POST', `${LM}/search`, { experiment_ids: [exp], ...body });
  const names = (body: any) => (body.models ?? []).map((m: any) => m.info.name);

  test('when nothing filters, then every model comes back newest first', async () => {
    expect(names((await search({})).body)).toEqual(['s-three', 's-two', 's-one']);
  });

  test('when filtering by name, tag, param and metric, then only matches come back', async () => {
    expect(names((await search({ filter: "name = 's-two'" })).body)).toEqual(['s-two']);
    expect(names((await search({ filter: "tags.team = 'core'" })).body)).toEqual(['s-three', 's-one']);
    expect(names((await search({ filter: "params.p LIKE 's-t%'" })).body)).toEqual(['s-three', 's-two']);
    expect(names((await search({ filter: "metrics.acc > 0.6 AND tags.team = 'core'" })).body)).toEqual(['s-three']);
  });

  test('when a model has metrics logged with its model_id, then they are in its data', async () => {
    const res = await search({ filter: "name = 's-one'" });
    expect(res.body.models[0].data.metrics).toEqual([{ key: 'acc', value: 0.5, timestamp: 1000, step: 0, model_id: ids['s-one'], run_id: expect.any(String) }]);
  });

  test('when ordering by a metric, then models sort by its latest value', async () => {
    const res = await search({ order_by: [{ field_name: 'metrics.acc', ascending: false }] });
    expect(names(res.body)).toEqual(['s-two', 's-three', 's-one']);
  });

  test('when max_results is smaller than the matches, then pages follow the token', async () => {
    const first = await search({ max_results: 2 });
    expect(names(first.body)).toEqual(['s-three', 's-two']);
    const second = await search({ max_results: 2, page_token: first.body.next_page_token });
    expect([names(second.body), second.body.next_page_token]).toEqual([['s-one'], undefined]);
  });

  test('when nothing matches, then the answer is {}', async () => {
    expect((await search({ filter: "name = 'none'" })).body).toEqual({});
  });

  test('when the filter names an unknown attribute, then the answer is 400, not the real server\'s 500', async () => {
    const res = await search({ filter: 'bogus = 1' });
    expect([res.status, res.body.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    expect(res.body.message).toContain("'bogus'");
  });

  test('when the filter has a bad operator or an unquoted string, then the answer is 400', async () => {
    for (const filter of ["name > 'a'", 'name = abc', "name = 'a' OR name = 'b'"]) {
      const res = await search({ filter });
      expect([filter, res.status]).toEqual([filter, 400]);
    }
  });
});

describe('run outputs and model artifacts', () => {
  test('when a run records a model output, then runs/get shows it in outputs.model_outputs', async () => {
    const model = await create({ name: 'out' });
    const res = await c.json('POST', `${API}/runs/outputs`, { run_id: run.runId, models: [{ model_id: model.info.model_id, step: 2 }] });
    expect([res.status, res.body]).toEqual([200, {}]);
    const got = await c.get(`${API}/runs/get`, { run_id: run.runId });
    expect(got.body.run.outputs).toEqual({ model_outputs: [{ model_id: model.info.model_id, step: 2 }] });
  });

  test('when the run is unknown, then runs/outputs answers 404', async () => {
    const res = await c.json('POST', `${API}/runs/outputs`, { run_id: 'f'.repeat(32), models: [{ model_id: 'm-1', step: 0 }] });
    expect([res.status, res.body.message]).toEqual([404, `Run with id=${'f'.repeat(32)} not found`]);
  });

  test('when files are uploaded to a model artifact_uri, then its artifact listing shows them', async () => {
    const model = await create({ name: 'with-files' });
    const rel = model.info.artifact_uri.replace('mlflow-artifacts:/', '');
    expect((await c.put(`${PROXY}/${rel}/MLmodel`, 'flavors: {}\n')).status).toBe(200);
    const res = await c.get(`${LM}/${model.info.model_id}/artifacts/directories`);
    expect([res.status, res.body]).toEqual([200, { root_uri: model.info.artifact_uri, files: [{ path: 'MLmodel', is_dir: false, file_size: 12 }] }]);
  });

  test('when a logged model is registered, then model-versions/get-artifact serves its files', async () => {
    const model = await create({ name: 'registered' });
    const rel = model.info.artifact_uri.replace('mlflow-artifacts:/', '');
    await c.put(`${PROXY}/${rel}/MLmodel`, 'flavors: {}\n');
    await c.json('POST', `${API}/registered-models/create`, { name: 'lm-reg' });
    const mv = await c.json('POST', `${API}/model-versions/create`, { name: 'lm-reg', source: `models:/${model.info.model_id}`, model_id: model.info.model_id });
    expect(mv.status).toBe(200);
    const res = await c.get('/model-versions/get-artifact', { name: 'lm-reg', version: '1', path: 'MLmodel' });
    expect([res.status, res.text]).toEqual([200, 'flavors: {}\n']);
  });
});
