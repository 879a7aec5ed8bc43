import { error, pause, startRegistryClient, type RegistryClient } from './registry-helpers.js';

let c: RegistryClient;

beforeAll(async () => {
  c = await startRegistryClient();
});

afterAll(async () => {
  await c?.stop();
});

async function modelWithVersions(name: string, count: number, source = 's3://bucket/model') {
  expect((await c.post('/registered-models/create', { name })).status).toBe(200);
  for (let i = 0; i < count; i += 1) {
    expect((await c.post('/model-versions/create', { name, source })).status).toBe(200);
    await pause();
  }
}

const stageOf = async (name: string, version: string) =>
  (await c.get('/model-versions/get', { name, version })).body.model_version.current_stage;

describe('stages', () => {
  test('when a stage is given in any case, then the canonical stage is stored', async () => {
    await modelWithVersions('st-case', 1);
    const res = await c.post('/model-versions/transition-stage', { name: 'st-case', version: '1', stage: 'staging', archive_existing_versions: false });
    expect(res).toMatchObject({ status: 200, body: { model_version: { version: '1', current_stage: 'Staging' } } });
  });

  test('when archive_existing_versions is true, then only the other versions in the target stage are archived', async () => {
    await modelWithVersions('st-arch', 3);
    await c.post('/model-versions/transition-stage', { name: 'st-arch', version: '1', stage: 'Production' });
    await c.post('/model-versions/transition-stage', { name: 'st-arch', version: '3', stage: 'Staging' });
    const res = await c.post('/model-versions/transition-stage', { name: 'st-arch', version: '2', stage: 'PRODUCTION', archive_existing_versions: true });
    expect(res.body.model_version.current_stage).toBe('Production');
    expect([await stageOf('st-arch', '1'), await stageOf('st-arch', '2'), await stageOf('st-arch', '3')]).toEqual(['Archived', 'Production', 'Staging']);
  });

  test('when archive_existing_versions is used with None or Archived, then it is a 500 INTERNAL_ERROR and nothing moves', async () => {
    await modelWithVersions('st-500', 1);
    const res = await c.post('/model-versions/transition-stage', { name: 'st-500', version: '1', stage: 'None', archive_existing_versions: true });
    expect(res).toMatchObject({
      status: 500,
      body: error(
        'INTERNAL_ERROR',
        "Model version transition cannot archive existing model versions because 'None' is not an Active stage. Valid stages are ['Staging', 'Production']",
      ),
    });
    const bad = await c.post('/model-versions/transition-stage', { name: 'st-500', version: '1', stage: 'Foo' });
    expect(bad).toMatchObject({
      status: 400,
      body: error('INVALID_PARAMETER_VALUE', 'Invalid Model Version stage: Foo. Value must be one of None, Staging, Production, Archived.'),
    });
    expect(await stageOf('st-500', '1')).toBe('None');
  });

  test('when latest versions are asked (POST or GET), then the newest live version per requested stage is answered', async () => {
    await modelWithVersions('st-latest', 4);
    await c.post('/model-versions/transition-stage', { name: 'st-latest', version: '1', stage: 'Production' });
    await c.post('/model-versions/transition-stage', { name: 'st-latest', version: '2', stage: 'Production' });
    await c.post('/model-versions/transition-stage', { name: 'st-latest', version: '3', stage: 'Staging' });
    const all = await c.post('/registered-models/get-latest-versions', { name: 'st-latest' });
    expect(all.body.model_versions.map((v: { version: string; current_stage: string }) => `${v.version}:${v.current_stage}`).sort()).toEqual([
      '2:Production',
      '3:Staging',
      '4:None',
    ]);
    const prod = await c.get('/registered-models/get-latest-versions', { name: 'st-latest', stages: ['production'] });
    expect(prod.body.model_versions.map((v: { version: string }) => v.version)).toEqual(['2']);
    await c.del('/model-versions/delete', { name: 'st-latest', version: '2' });
    const afterDelete = await c.post('/registered-models/get-latest-versions', { name: 'st-latest', stages: ['Production'] });
    expect(afterDelete.body.model_versions.map((v: { version: string }) => v.version)).toEqual(['1']);
    expect(await c.post('/registered-models/get-latest-versions', { name: 'st-latest', stages: ['Archived'] })).toMatchObject({ status: 200, body: {} });
    const badStage = await c.post('/registered-models/get-latest-versions', { name: 'st-latest', stages: ['Gold'] });
    expect(badStage.status).toBe(400);
    expect((await c.post('/registered-models/get-latest-versions', { name: 'nope' })).status).toBe(404);
  });
});

describe('aliases', () => {
  test('when aliases are set and moved, then version and model list them', async () => {
    await modelWithVersions('al-a', 2);
    expect(await c.post('/registered-models/alias', { name: 'al-a', alias: 'champion', version: '1' })).toMatchObject({ status: 200, body: {} });
    await c.post('/registered-models/alias', { name: 'al-a', alias: 'challenger', version: '1' });
    await c.post('/registered-models/alias', { name: 'al-a', alias: 'champion', version: '2' });
    const got = await c.get('/registered-models/alias', { name: 'al-a', alias: 'champion' });
    expect(got).toMatchObject({ status: 200, body: { model_version: { version: '2', aliases: ['champion'] } } });
    expect((await c.get('/model-versions/get', { name: 'al-a', version: '1' })).body.model_version.aliases).toEqual(['challenger']);
    const model = (await c.get('/registered-models/get', { name: 'al-a' })).body.registered_model;
    expect(model.aliases).toEqual([
      { alias: 'champion', version: '2' },
      { alias: 'challenger', version: '1' },
    ]);
    expect(model.latest_versions[0].aliases).toBeUndefined();
  });

  test('when an alias is unknown, reserved or badly named, then the real server messages come back', async () => {
    await modelWithVersions('al-bad', 1);
    expect(await c.get('/registered-models/alias', { name: 'al-bad', alias: 'nope' })).toMatchObject({
      status: 400,
      body: error('INVALID_PARAMETER_VALUE', 'Registered model alias nope not found.'),
    });
    const cases: [string, string, number, string][] = [
      ['Latest', '1', 400, "'latest' alias name (case insensitive) is reserved."],
      ['v3', '1', 400, "Version alias name 'v3' is reserved."],
      ['bad alias', '1', 400, "Invalid alias name: 'bad alias'. Names may only contain alphanumerics, underscores (_), and dashes (-)."],
      ['x', '99', 404, 'Model Version (name=al-bad, version=99) not found'],
    ];
    for (const [alias, version, status, message] of cases) {
      const res = await c.post('/registered-models/alias', { name: 'al-bad', alias, version });
      expect({ alias, status: res.status, message: res.body.message }).toEqual({ alias, status, message });
    }
    expect((await c.get('/registered-models/get', { name: 'al-bad' })).body.registered_model.aliases).toBeUndefined();
  });

  test('when an alias is deleted twice, then both answers are 200; an unknown model is a 404', async () => {
    await modelWithVersions('al-del', 1);
    await c.post('/registered-models/alias', { name: 'al-del', alias: 'a', version: '1' });
    expect(await c.del('/registered-models/alias', { name: 'al-del', alias: 'a' })).toMatchObject({ status: 200, body: {} });
    expect(await c.del('/registered-models/alias', { name: 'al-del', alias: 'a' })).toMatchObject({ status: 200, body: {} });
    expect((await c.del('/registered-models/alias', { name: 'nope', alias: 'a' })).status).toBe(404);
    expect((await c.get('/registered-models/alias', { name: 'al-del', alias: 'a' })).status).toBe(400);
  });

  test('when the aliased version is deleted, then the alias stays and reading it is a 404 for that version', async () => {
    await modelWithVersions('al-gone', 2);
    await c.post('/registered-models/alias', { name: 'al-gone', alias: 'champion', version: '2' });
    await c.del('/model-versions/delete', { name: 'al-gone', version: '2' });
    expect(await c.get('/registered-models/alias', { name: 'al-gone', alias: 'champion' })).toMatchObject({
      status: 404,
      body: error('RESOURCE_DOES_NOT_EXIST', 'Model Version (name=al-gone, version=2) not found'),
    });
    expect((await c.get('/registered-models/get', { name: 'al-gone' })).body.registered_model.aliases).toEqual([{ alias: 'champion', version: '2' }]);
  });
});

describe('get-download-uri', () => {
  test('when a version has a plain source, then that source is the download URI', async () => {
    await modelWithVersions('dl-a', 1, 'runs:/abc/model');
    expect(await c.get('/model-versions/get-download-uri', { name: 'dl-a', version: '1' })).toMatchObject({
      status: 200,
      body: { artifact_uri: 'runs:/abc/model' },
    });
  });

  test('when a version has a models:/ source, then the referenced version’s location is answered', async () => {
    await modelWithVersions('dl-src', 2, 'mlflow-artifacts:/1/run/artifacts/model');
    await c.post('/registered-models/create', { name: 'dl-b' });
    const created = await c.post('/model-versions/create', { name: 'dl-b', source: 'models:/dl-src/2' });
    expect(created.body.model_version.source).toBe('models:/dl-src/2');
    expect((await c.get('/model-versions/get-download-uri', { name: 'dl-b', version: '1' })).body).toEqual({
      artifact_uri: 'mlflow-artifacts:/1/run/artifacts/model',
    });
    const missing = await c.post('/model-versions/create', { name: 'dl-b', source: 'models:/dl-src/9' });
    expect(missing).toMatchObject({
      status: 500,
      body: error(
        'INTERNAL_ERROR',
        "Unable to fetch model from model URI source artifact location 'models:/dl-src/9'.Error: Model Version (name=dl-src, version=9) not found",
      ),
    });
  });

  test('when name or version is missing, then the store’s messages come back', async () => {
    expect((await c.get('/model-versions/get-download-uri', { version: '1' })).body).toEqual(
      error('INVALID_PARAMETER_VALUE', "Missing value for required parameter 'name'."),
    );
    expect((await c.get('/model-versions/get-download-uri', { name: 'dl-a' })).body).toEqual(
      error('INVALID_PARAMETER_VALUE', "Parameter 'version' must be an integer, got ''."),
    );
  });

  test('when a logged model is registered, then it is tagged with the version and its artifact URI is the download URI', async () => {
    const modelId = 'm-0123456789abcdef0123456789abcdef';
    await c.emulator.deps.store.update((state) => {
      state.logged_models[modelId] = {
        model_id: modelId,
        experiment_id: '0',
        name: 'lm',
        artifact_uri: `mlflow-artifacts:/0/models/${modelId}/artifacts`,
        status: 'LOGGED_MODEL_READY',
        source_run_id: 'f'.repeat(32),
        creation_timestamp_ms: 1,
        last_updated_timestamp_ms: 1,
        tags: {},
        params: {},
        deleted: false,
      };
    });
    await c.post('/registered-models/create', { name: 'dl-lm' });
    const res = await c.post('/model-versions/create', { name: 'dl-lm', source: `models:/${modelId}`, model_id: modelId });
    expect(res.body.model_version).toMatchObject({ version: '1', source: `models:/${modelId}`, run_id: 'f'.repeat(32) });
    expect((await c.get('/model-versions/get-download-uri', { name: 'dl-lm', version: '1' })).body.artifact_uri).toBe(
      `mlflow-artifacts:/0/models/${modelId}/artifacts`,
    );
    expect(c.emulator.deps.store.data.logged_models[modelId].tags['mlflow.modelVersions']).toBe('[{"name": "dl-lm", "version": 1}]');
    const unknown = await c.post('/model-versions/create', { name: 'dl-lm', source: 's3://b/m', model_id: 'm-nope' });
    expect(unknown).toMatchObject({ status: 404, body: error('RESOURCE_DOES_NOT_EXIST', "Logged model with ID 'm-nope' not found.") });
    expect((await c.get('/model-versions/get', { name: 'dl-lm', version: '2' })).status).toBe(404);
  });
});

describe('bad input never changes stored data', () => {
  test('when every kind of bad registry call is made, then the stored document is unchanged', async () => {
    await modelWithVersions('bad-keep', 2);
    await c.post('/registered-models/alias', { name: 'bad-keep', alias: 'a', version: '1' });
    const before = JSON.stringify(c.emulator.deps.store.data);
    const calls: [string, string, unknown][] = [
      ['POST', '/registered-models/create', { name: 'bad-keep' }],
      ['POST', '/registered-models/create', { name: 'bad-new', tags: [{ key: 'k', value: 'x'.repeat(100_001) }] }],
      ['POST', '/registered-models/rename', { name: 'nope', new_name: 'x' }],
      ['POST', '/registered-models/set-tag', { name: 'bad-keep', key: 'k'.repeat(251), value: 'v' }],
      ['POST', '/model-versions/create', { name: 'bad-keep', source: '/etc/passwd' }],
      ['POST', '/model-versions/create', { name: 'bad-keep', source: 's3://x/../y' }],
      ['POST', '/model-versions/create', { name: 'bad-keep', source: 's3://b/m', tags: [{ key: '', value: 'v' }] }],
      ['POST', '/model-versions/create', { name: 'bad-keep', source: 'models:/bad-keep/Production' }],
      ['POST', '/model-versions/transition-stage', { name: 'bad-keep', version: '1', stage: 'Archived', archive_existing_versions: true }],
      ['POST', '/model-versions/transition-stage', { name: 'bad-keep', version: '9', stage: 'Staging', archive_existing_versions: true }],
      ['POST', '/model-versions/transition-stage', { name: 'bad-keep', version: '1', stage: 'Staging', archive_existing_versions: 'yes' }],
      ['PATCH', '/model-versions/update', { name: 'bad-keep', version: 'x', description: 'd' }],
      ['DELETE', '/model-versions/delete', { name: 'bad-keep', version: '9' }],
      ['POST', '/registered-models/alias', { name: 'bad-keep', alias: 'latest', version: '1' }],
      ['DELETE', '/registered-models/alias', { name: 'bad-keep', alias: 'v1' }],
    ];
    for (const [method, path, body] of calls) {
      const res = await c.call(method, `/api/2.0/mlflow${path}`, body);
      expect({ path, body, ok: res.status >= 400 }).toEqual({ path, body, ok: true });
    }
    expect(JSON.stringify(c.emulator.deps.store.data)).toBe(before);
  });
});
