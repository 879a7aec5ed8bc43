import { error, pause, startRegistryClient, type RegistryClient } from './registry-helpers.js';

let c: RegistryClient;

const names = (body: { registered_models?: { name: string }[] }) => (body.registered_models ?? []).map((m) => m.name);
const versions = (body: { model_versions?: { name: string; version: string }[] }) =>
  (body.model_versions ?? []).map((v) => `${v.name}/${v.version}`);

beforeAll(async () => {
  c = await startRegistryClient();
  for (const [name, tags] of [
    ['sr-b', [{ key: 'team', value: 'core' }]],
    ['sr-a', [{ key: 'team', value: 'ml' }]],
    ['sr-c', []],
  ] as const) {
    await c.post('/registered-models/create', { name, tags });
    await pause();
  }
  for (const name of ['sr-a', 'sr-a', 'sr-b', 'sr-a']) {
    await c.post('/model-versions/create', { name, source: 's3://bucket/model', run_id: name === 'sr-b' ? 'r1' : 'r2' });
    await pause();
  }
  await c.del('/model-versions/delete', { name: 'sr-a', version: '2' });
});

afterAll(async () => {
  await c?.stop();
});

describe('search registered models', () => {
  test('when no filter is given, then every model comes back by name', async () => {
    const res = await c.get('/registered-models/search');
    expect(res.status).toBe(200);
    expect(names(res.body)).toEqual(['sr-a', 'sr-b', 'sr-c']);
    expect(res.body.registered_models[0].latest_versions.map((v: { version: string }) => v.version)).toEqual(['3']);
    expect(res.body.next_page_token).toBeUndefined();
  });

  test('when max_results is smaller than the matches, then pages follow the token without gaps', async () => {
    const first = await c.get('/registered-models/search', { max_results: '2' });
    expect(names(first.body)).toEqual(['sr-a', 'sr-b']);
    expect(typeof first.body.next_page_token).toBe('string');
    const second = await c.get('/registered-models/search', { max_results: '2', page_token: first.body.next_page_token });
    expect(names(second.body)).toEqual(['sr-c']);
    expect(second.body.next_page_token).toBeUndefined();
  });

  test('when filtering by name and tag or ordering, then the matching models come back in that order', async () => {
    expect(names((await c.get('/registered-models/search', { filter: "name LIKE 'sr-%' AND tags.team = 'core'" })).body)).toEqual(['sr-b']);
    expect(names((await c.get('/registered-models/search', { order_by: 'name DESC' })).body)).toEqual(['sr-c', 'sr-b', 'sr-a']);
    expect((await c.get('/registered-models/search', { filter: "name = 'none'" })).body).toEqual({});
  });

  test('when max_results is over 1000, then the answer is the handler’s 400', async () => {
    expect((await c.get('/registered-models/search', { max_results: '1001' })).body).toEqual(
      error(
        'INVALID_PARAMETER_VALUE',
        "Invalid value \"1001\" for parameter 'max_results' supplied:  Hint: Value was of type 'str'. See the API docs for more information about request parameters.",
      ),
    );
  });

  test('when the search is sent with POST, then it is the HTML 405', async () => {
    const res = await c.post('/registered-models/search', {});
    expect([res.status, res.contentType]).toEqual([405, 'text/html']);
  });
});

describe('search model versions', () => {
  test('when no order is given, then live versions come newest-updated first and deleted ones never appear', async () => {
    const res = await c.get('/model-versions/search');
    expect(res.status).toBe(200);
    expect(versions(res.body)).toEqual(['sr-a/3', 'sr-b/1', 'sr-a/1']);
    expect(res.body.model_versions[0].aliases).toBeUndefined();
  });

  test('when filtering by name, run_id or version_number, then only matches come back', async () => {
    expect(versions((await c.get('/model-versions/search', { filter: "name = 'sr-a'" })).body)).toEqual(['sr-a/3', 'sr-a/1']);
    expect(versions((await c.get('/model-versions/search', { filter: "run_id = 'r1'" })).body)).toEqual(['sr-b/1']);
    expect(versions((await c.get('/model-versions/search', { filter: "name = 'sr-a' AND version_number >= 2" })).body)).toEqual(['sr-a/3']);
  });

  test('when paging with order_by version_number ASC, then the pages join up', async () => {
    const query = { filter: "name = 'sr-a'", max_results: '1', order_by: 'version_number ASC' };
    const first = await c.get('/model-versions/search', query);
    expect(versions(first.body)).toEqual(['sr-a/1']);
    const second = await c.get('/model-versions/search', { ...query, page_token: first.body.next_page_token });
    expect(versions(second.body)).toEqual(['sr-a/3']);
    expect(second.body.next_page_token).toBeUndefined();
  });

  test('when the filter uses an unknown attribute, then it is a 400', async () => {
    const res = await c.get('/model-versions/search', { filter: 'foo = 1' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^Invalid attribute key 'foo' specified\. Valid keys are /);
  });
});
