import { error, pause, startRegistryClient, type RegistryClient } from './registry-helpers.js';

let c: RegistryClient;

beforeAll(async () => {
  c = await startRegistryClient();
});

afterAll(async () => {
  await c?.stop();
});

async function newModel(name: string, extra: Record<string, unknown> = {}) {
  const res = await c.post('/registered-models/create', { name, ...extra });
  expect(res.status).toBe(200);
  return res.body.registered_model;
}

async function newVersion(name: string, source = 's3://bucket/model', extra: Record<string, unknown> = {}) {
  const res = await c.post('/model-versions/create', { name, source, ...extra });
  expect(res.status).toBe(200);
  await pause();
  return res.body.model_version;
}

describe('registered models', () => {
  test('when a model is created with tags and a description, then get answers it as the real server shapes it', async () => {
    const created = await newModel('rm-a', { description: 'd', tags: [{ key: 'k', value: 'v' }] });
    expect(created).toEqual({
      name: 'rm-a',
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: created.creation_timestamp,
      description: 'd',
      tags: [{ key: 'k', value: 'v' }],
    });
    const got = await c.get('/registered-models/get', { name: 'rm-a' });
    expect(got).toMatchObject({ status: 200, contentType: 'application/json', body: { registered_model: created } });
  });

  test('when a model has no description, then the answer leaves the field out', async () => {
    expect(await newModel('rm-plain')).toEqual({ name: 'rm-plain', creation_timestamp: expect.any(Number), last_updated_timestamp: expect.any(Number) });
  });

  test('when the name is taken or empty, then create is a 400 and nothing changes', async () => {
    await newModel('rm-dup', { description: 'first' });
    const dup = await c.post('/registered-models/create', { name: 'rm-dup', description: 'second' });
    expect(dup).toMatchObject({ status: 400, body: error('RESOURCE_ALREADY_EXISTS', 'Registered Model (name=rm-dup) already exists.') });
    const empty = await c.post('/registered-models/create', { name: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual(error('INVALID_PARAMETER_VALUE', "Missing value for required parameter 'name'. See the API docs for more information about request parameters."));
    expect((await c.get('/registered-models/get', { name: 'rm-dup' })).body.registered_model.description).toBe('first');
  });

  test('when an unknown model is read, then the answer is a 404', async () => {
    const res = await c.get('/registered-models/get', { name: 'nope' });
    expect(res).toMatchObject({ status: 404, body: error('RESOURCE_DOES_NOT_EXIST', 'Registered Model with name=nope not found') });
  });

  test('when the description is updated with PATCH (even without Content-Type), then it changes; POST is a 405', async () => {
    await newModel('rm-upd', { description: 'old' });
    const res = await c.call('PATCH', '/api/2.0/mlflow/registered-models/update', '{"name": "rm-upd", "description": "new"}', {});
    expect(res).toMatchObject({ status: 200, body: { registered_model: { name: 'rm-upd', description: 'new' } } });
    const viaPost = await c.post('/registered-models/update', { name: 'rm-upd', description: 'x' });
    expect(viaPost.status).toBe(405);
    expect(viaPost.contentType).toBe('text/html');
    const cleared = await c.patch('/registered-models/update', { name: 'rm-upd' });
    expect(cleared.body.registered_model.description).toBeUndefined();
  });

  test('when tags are set and deleted, then get shows them; deleting a missing tag is a 200', async () => {
    await newModel('rm-tags');
    expect(await c.post('/registered-models/set-tag', { name: 'rm-tags', key: 'a', value: '1' })).toMatchObject({ status: 200, body: {} });
    expect(await c.post('/registered-models/set-tag', { name: 'rm-tags', key: 'a', value: '2' })).toMatchObject({ status: 200 });
    expect((await c.get('/registered-models/get', { name: 'rm-tags' })).body.registered_model.tags).toEqual([{ key: 'a', value: '2' }]);
    expect(await c.del('/registered-models/delete-tag', { name: 'rm-tags', key: 'a' })).toMatchObject({ status: 200, body: {} });
    expect(await c.del('/registered-models/delete-tag', { name: 'rm-tags', key: 'a' })).toMatchObject({ status: 200, body: {} });
    expect((await c.get('/registered-models/get', { name: 'rm-tags' })).body.registered_model.tags).toBeUndefined();
  });

  test('when a tag breaks a limit, then it is a 400 and the model keeps its tags', async () => {
    await newModel('rm-limits', { tags: [{ key: 'keep', value: 'v' }] });
    const longValue = await c.post('/registered-models/set-tag', { name: 'rm-limits', key: 'k', value: 'x'.repeat(100_001) });
    expect(longValue).toMatchObject({ status: 400, body: error('INVALID_PARAMETER_VALUE', "'value' exceeds the maximum length of 100000 characters") });
    const longKey = await c.post('/registered-models/set-tag', { name: 'rm-limits', key: 'k'.repeat(251), value: 'v' });
    expect(longKey).toMatchObject({ status: 400, body: error('INVALID_PARAMETER_VALUE', "'key' exceeds the maximum length of 250 characters") });
    const badKey = await c.post('/registered-models/set-tag', { name: 'rm-limits', key: '../x', value: 'v' });
    expect(badKey.status).toBe(400);
    const okValue = await c.post('/registered-models/set-tag', { name: 'rm-limits', key: 'big', value: 'x'.repeat(100_000) });
    expect(okValue.status).toBe(200);
    const tags = (await c.get('/registered-models/get', { name: 'rm-limits' })).body.registered_model.tags;
    expect(tags.map((t: { key: string }) => t.key).sort()).toEqual(['big', 'keep']);
  });

  test('when a model is renamed, then its versions, tags and aliases move and the old name is gone', async () => {
    await newModel('rn-old', { tags: [{ key: 't', value: '1' }] });
    await newVersion('rn-old');
    await newVersion('rn-old');
    await c.post('/registered-models/alias', { name: 'rn-old', alias: 'best', version: '2' });
    const renamed = await c.post('/registered-models/rename', { name: 'rn-old', new_name: 'rn-new' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.registered_model).toMatchObject({ name: 'rn-new', tags: [{ key: 't', value: '1' }], aliases: [{ alias: 'best', version: '2' }] });
    expect(renamed.body.registered_model.latest_versions).toEqual([expect.objectContaining({ name: 'rn-new', version: '2' })]);
    const v1 = await c.get('/model-versions/get', { name: 'rn-new', version: '1' });
    expect(v1).toMatchObject({ status: 200, body: { model_version: { name: 'rn-new', version: '1' } } });
    expect((await c.get('/model-versions/get', { name: 'rn-old', version: '1' })).body).toEqual(
      error('RESOURCE_DOES_NOT_EXIST', 'Model Version (name=rn-old, version=1) not found'),
    );
    expect((await newVersion('rn-new')).version).toBe('3');
  });

  test('when a model is renamed to a taken name, then it is a 400 RESOURCE_ALREADY_EXISTS and both stay', async () => {
    await newModel('rn-x');
    await newModel('rn-y');
    const res = await c.post('/registered-models/rename', { name: 'rn-x', new_name: 'rn-y' });
    expect(res).toMatchObject({ status: 400, body: error('RESOURCE_ALREADY_EXISTS', 'Registered Model (name=rn-y) already exists.') });
    expect((await c.get('/registered-models/get', { name: 'rn-x' })).status).toBe(200);
    expect((await c.get('/registered-models/get', { name: 'rn-y' })).status).toBe(200);
    const missing = await c.post('/registered-models/rename', { name: 'rn-x' });
    expect(missing.body.message).toBe("Missing value for required parameter 'new_name'. See the API docs for more information about request parameters.");
  });

  test('when a model is deleted, then it and its versions are gone and the name can be reused from 1', async () => {
    await newModel('rm-del');
    await newVersion('rm-del');
    expect(await c.del('/registered-models/delete', { name: 'rm-del' })).toMatchObject({ status: 200, body: {} });
    expect((await c.get('/registered-models/get', { name: 'rm-del' })).status).toBe(404);
    expect((await c.del('/registered-models/delete', { name: 'rm-del' })).status).toBe(404);
    await newModel('rm-del');
    expect((await newVersion('rm-del')).version).toBe('1');
  });
});

describe('model versions', () => {
  test('when versions are created, then they are numbered from "1", READY, in stage None, shaped as recorded', async () => {
    await newModel('mv-a');
    const v1 = await newVersion('mv-a', 'runs:/abc/model', { run_id: 'abc', description: 'v1', tags: [{ key: 'vk', value: 'vv' }] });
    expect(v1).toEqual({
      name: 'mv-a',
      version: '1',
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: expect.any(Number),
      current_stage: 'None',
      description: 'v1',
      source: 'runs:/abc/model',
      run_id: 'abc',
      status: 'READY',
      tags: [{ key: 'vk', value: 'vv' }],
      run_link: '',
    });
    const v2 = await newVersion('mv-a', 's3://b/m', { run_link: 'http://x/run' });
    expect(v2).toMatchObject({ version: '2', description: '', run_id: '', run_link: 'http://x/run' });
  });

  test('when versions are deleted, then their numbers are never reused', async () => {
    await newModel('mv-num');
    for (let i = 0; i < 3; i += 1) await newVersion('mv-num');
    expect(await c.del('/model-versions/delete', { name: 'mv-num', version: '3' })).toMatchObject({ status: 200, body: {} });
    expect((await newVersion('mv-num')).version).toBe('4');
    await c.del('/model-versions/delete', { name: 'mv-num', version: '4' });
    await c.del('/model-versions/delete', { name: 'mv-num', version: '1' });
    expect((await newVersion('mv-num')).version).toBe('5');
    const gone = await c.get('/model-versions/get', { name: 'mv-num', version: '3' });
    expect(gone).toMatchObject({ status: 404, body: error('RESOURCE_DOES_NOT_EXIST', 'Model Version (name=mv-num, version=3) not found') });
    expect((await c.del('/model-versions/delete', { name: 'mv-num', version: '3' })).status).toBe(404);
  });

  test('when the version is not an integer or sent as a number, then it is a 400', async () => {
    await newModel('mv-bad');
    await newVersion('mv-bad');
    const text = await c.get('/model-versions/get', { name: 'mv-bad', version: 'abc' });
    expect(text).toMatchObject({ status: 400, body: error('INVALID_PARAMETER_VALUE', "Parameter 'version' must be an integer, got 'abc'.") });
    const number = await c.post('/model-versions/transition-stage', { name: 'mv-bad', version: 1, stage: 'Staging' });
    expect(number.body).toEqual(
      error(
        'INVALID_PARAMETER_VALUE',
        "Invalid value 1 for parameter 'version' supplied:  Hint: Value was of type 'int'. See the API docs for more information about request parameters.",
      ),
    );
    expect((await c.get('/model-versions/get', { name: 'mv-bad', version: '1' })).body.model_version.current_stage).toBe('None');
  });

  test('when a version is created for an unknown model or without source, then it is a 404 / 400', async () => {
    expect((await c.post('/model-versions/create', { name: 'nope', source: 's3://b/m' })).body).toEqual(
      error('RESOURCE_DOES_NOT_EXIST', 'Registered Model with name=nope not found'),
    );
    await newModel('mv-nosrc');
    expect((await c.post('/model-versions/create', { name: 'mv-nosrc' })).body).toEqual(
      error('INVALID_PARAMETER_VALUE', "Missing value for required parameter 'source'. See the API docs for more information about request parameters."),
    );
  });

  test('when the source is a local path or has ".." segments (also encoded), then it is a 400 and no version is made', async () => {
    await newModel('mv-src');
    const local = await c.post('/model-versions/create', { name: 'mv-src', source: '/etc/passwd' });
    expect(local.body).toEqual(
      error(
        'INVALID_PARAMETER_VALUE',
        "Invalid model version source: '/etc/passwd'. To use a local path as a model version source, the run_id request parameter has to be specified and the local path has to be contained within the artifact directory of the run specified by the run_id.",
      ),
    );
    for (const source of ['s3://bucket/../model', 'mlflow-artifacts:/1/%2E%2E/x', 'http://h/a/..%252f..%252fetc', 'file:///tmp/x']) {
      const res = await c.post('/model-versions/create', { name: 'mv-src', source });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^Invalid model version source: /);
    }
    const dotdot = await c.post('/model-versions/create', { name: 'mv-src', source: 's3://bucket/../model' });
    expect(dotdot.body.message).toBe(
      "Invalid model version source: 's3://bucket/../model'. If supplying a source as an http, https, local file path, ftp, objectstore, or mlflow-artifacts uri, an absolute path must be provided without relative path references present. Please provide an absolute path.",
    );
    expect((await newVersion('mv-src')).version).toBe('1');
  });

  test('when a description is updated, then only that version changes', async () => {
    await newModel('mv-upd');
    await newVersion('mv-upd', 's3://b/m', { description: 'one' });
    await newVersion('mv-upd', 's3://b/m', { description: 'two' });
    const res = await c.patch('/model-versions/update', { name: 'mv-upd', version: '1', description: 'new' });
    expect(res).toMatchObject({ status: 200, body: { model_version: { version: '1', description: 'new' } } });
    expect((await c.get('/model-versions/get', { name: 'mv-upd', version: '2' })).body.model_version.description).toBe('two');
  });

  test('when version tags are set and deleted, then get shows them; a too long value is a 400', async () => {
    await newModel('mv-tags');
    await newVersion('mv-tags', 's3://b/m', { tags: [{ key: 'a', value: '1' }] });
    expect(await c.post('/model-versions/set-tag', { name: 'mv-tags', version: '1', key: 'b', value: '2' })).toMatchObject({ status: 200, body: {} });
    const tooLong = await c.post('/model-versions/set-tag', { name: 'mv-tags', version: '1', key: 'c', value: 'x'.repeat(100_001) });
    expect(tooLong).toMatchObject({ status: 400, body: error('INVALID_PARAMETER_VALUE', "'value' exceeds the maximum length of 100000 characters") });
    const unknown = await c.post('/model-versions/set-tag', { name: 'mv-tags', version: '9', key: 'c', value: 'x' });
    expect(unknown.status).toBe(404);
    expect((await c.get('/model-versions/get', { name: 'mv-tags', version: '1' })).body.model_version.tags).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '2' },
    ]);
    expect(await c.del('/model-versions/delete-tag', { name: 'mv-tags', version: '1', key: 'a' })).toMatchObject({ status: 200, body: {} });
    expect(await c.del('/model-versions/delete-tag', { name: 'mv-tags', version: '1', key: 'a' })).toMatchObject({ status: 200, body: {} });
    expect((await c.get('/model-versions/get', { name: 'mv-tags', version: '1' })).body.model_version.tags).toEqual([{ key: 'b', value: '2' }]);
  });

  test('when a version is created, then the model reflects it in latest_versions and last_updated_timestamp', async () => {
    const model = await newModel('mv-latest');
    await pause();
    const v = await newVersion('mv-latest');
    const got = (await c.get('/registered-models/get', { name: 'mv-latest' })).body.registered_model;
    expect(got.last_updated_timestamp).toBe(v.creation_timestamp);
    expect(got.last_updated_timestamp).toBeGreaterThan(model.creation_timestamp);
    expect(got.latest_versions).toEqual([v]);
  });
});
