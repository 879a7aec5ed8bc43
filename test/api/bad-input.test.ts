/**
 * Bad input gets the real MLflow 3.6 server's answer, never changes stored data and never brings the
 * process down. Sources of the expected answers, most exact first:
 *  - the recorded exchanges (test/fixtures/conformance/mlflow-3.6/transcript.jsonl), step named in a comment;
 *  - the 3.6 handler code (`mlflow/server/handlers.py` `_get_request_message`, `_validate_content_type`,
 *    `mlflow/utils/validation.py` `invalid_value` = `json.dumps(value, sort_keys=True, separators=(",", ":"))`),
 *    marked "(3.6 source)".
 * Where the real server fails with an unhandled Python exception (an HTML 500, the kind of answer the
 * transcript lists as `known_server_bug`), the emulator gives the answer the server gives for the same
 * request without the crash; those tests say so.
 */
import { startEmulator, type RunningEmulator } from '../../src/emulator.js';
import { allowSet, htmlErrorPrefix, mainType, rawRequest } from '../helpers/raw-http.js';

const API = '/api/2.0/mlflow';
const DOCS = ' See the API docs for more information about request parameters.';

interface ErrorBody {
  error_code: string;
  message: string;
}
const invalid = (message: string): ErrorBody => ({ error_code: 'INVALID_PARAMETER_VALUE', message });
const missing = (field: string) => invalid(`Missing value for required parameter '${field}'.${DOCS}`);
/** `invalid_value(param, value, " Hint: Value was of type '<type>'.")`; `shown` is Python's compact, key-sorted, ASCII json.dumps. */
const wrongType = (field: string, shown: string, pyType: string) =>
  invalid(`Invalid value ${shown} for parameter '${field}' supplied:  Hint: Value was of type '${pyType}'.${DOCS}`);
const CT_MISSING = invalid('Bad Request. Content-Type header is missing.');
const CT_WRONG = invalid("Bad Request. Content-Type must be one of ['application/json'].");
const NAME_TOO_LONG = invalid("'name' exceeds the maximum length of 500 characters");

interface Answer {
  status: number;
  type: string;
  headers: Headers;
  text: string;
  json: unknown;
}

let emulator: RunningEmulator;

interface CallOptions {
  query?: string;
  /** Serialized with JSON.stringify and sent with Content-Type application/json (unless `contentType` says otherwise). */
  json?: unknown;
  /** Sent as is. */
  raw?: string | Buffer;
  contentType?: string;
}

async function call(method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  let body: string | Uint8Array | undefined;
  if (opts.json !== undefined) body = JSON.stringify(opts.json);
  if (opts.raw !== undefined) body = typeof opts.raw === 'string' ? opts.raw : new Uint8Array(opts.raw.buffer, opts.raw.byteOffset, opts.raw.length);
  if (body !== undefined || opts.contentType) headers['Content-Type'] = opts.contentType ?? 'application/json';
  const url = `${emulator.mlflowUrl}${path}${opts.query ? `?${opts.query}` : ''}`;
  const res = await fetch(url, { method, headers, body: body as RequestInit['body'] });
  const text = await res.text();
  const type = mainType(res.headers.get('content-type'));
  return { status: res.status, type, headers: res.headers, text, json: type === 'application/json' && text ? JSON.parse(text) : undefined };
}

const post = (path: string, json: unknown) => call('POST', `${API}${path}`, { json });
const get = (path: string, query?: string) => call('GET', `${API}${path}`, { query });

function expectJson(answer: { status: number; type: string; json?: unknown; text: string }, status: number, body: unknown): void {
  expect({ status: answer.status, type: answer.type, body: answer.json ?? answer.text }).toEqual({ status, type: 'application/json', body });
}

function expectHtml(answer: { status: number; type: string; text: string }, status: 404 | 405 | 413 | 500): void {
  expect({ status: answer.status, type: answer.type }).toEqual({ status, type: 'text/html' });
  expect(answer.text.startsWith(htmlErrorPrefix(status))).toBe(true);
}

/** `[[[ ... ]]]`, `depth` levels. */
const nestedList = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
/** An astral character (two UTF-16 units, one code point as Python counts). */
const ROCKET = '\u{1F680}';

let seedA: string;
let seedDeleted: string;

beforeAll(async () => {
  emulator = await startEmulator({ apiPort: 0, mlflowPort: 0, inMemory: true, logLevel: 'silent' });
  seedA = ((await post('/experiments/create', { name: 'seed-a', tags: [{ key: 'team', value: 'core' }] })).json as { experiment_id: string })
    .experiment_id;
  await post('/experiments/create', { name: 'seed-b', artifact_location: 's3://bucket/seed-b' });
  seedDeleted = ((await post('/experiments/create', { name: 'seed-deleted' })).json as { experiment_id: string }).experiment_id;
  await post('/experiments/delete', { experiment_id: seedDeleted });
}, 60_000);

afterAll(async () => {
  await emulator?.stop();
});

describe('odd but valid requests are served like the real server', () => {
  async function nameRoundTrips(name: string): Promise<void> {
    const byName = await get('/experiments/get-by-name', `experiment_name=${encodeURIComponent(name)}`);
    expect(byName.status).toBe(200);
    const experiment = (byName.json as { experiment: { experiment_id: string; name: string } }).experiment;
    expect(experiment.name).toBe(name);
    const byId = await get('/experiments/get', `experiment_id=${experiment.experiment_id}`);
    expect((byId.json as { experiment: { name: string } }).experiment.name).toBe(name);
  }

  test('a unicode name is stored and found again, by get-by-name and by a search filter', async () => {
    const name = `эксперимент 実験 ü ${ROCKET}`;
    const created = await post('/experiments/create', { name });
    expect(created.status).toBe(200);
    await nameRoundTrips(name);
    const found = await post('/experiments/search', { filter: `name = '${name}'`, max_results: 10 });
    expect((found.json as { experiments: { name: string }[] }).experiments.map((e) => e.name)).toEqual([name]);
  });

  test('quotes, backslashes, newlines and tabs in a name are kept verbatim', async () => {
    const name = 'he said "hi" \\ it\'s\n\tfine';
    expect((await post('/experiments/create', { name })).status).toBe(200);
    await nameRoundTrips(name);
  });

  test('a 500-character name is the longest accepted', async () => {
    const name = 'n'.repeat(500);
    expect((await post('/experiments/create', { name })).status).toBe(200);
    await nameRoundTrips(name);
  });

  test('the 500-character limit counts code points, as Python does: 500 astral characters are accepted (3.6 source)', async () => {
    const name = ROCKET.repeat(500); // 1000 UTF-16 units, 500 Python characters
    expectJson(await post('/experiments/create', { name }), 200, { experiment_id: expect.any(String) });
    await nameRoundTrips(name);
  });

  test('a JSON body that is a string holding JSON is decoded twice (create-exp-body-is-json-string)', async () => {
    const answer = await call('POST', `${API}/experiments/create`, { raw: JSON.stringify(JSON.stringify({ name: 'double-encoded' })) });
    expectJson(answer, 200, { experiment_id: expect.any(String) });
    await nameRoundTrips('double-encoded');
  });

  test('Content-Type with a charset is accepted (create-exp-charset-content-type)', async () => {
    const answer = await call('POST', `${API}/experiments/create`, {
      raw: JSON.stringify({ name: 'with-charset' }),
      contentType: 'application/json; charset=utf-8',
    });
    expectJson(answer, 200, { experiment_id: expect.any(String) });
  });

  test('unknown fields are ignored, even deeply nested ones (create-exp-unknown-field-ignored)', async () => {
    const raw = `{"name": "with-extras", "bogus": 1, "deep": ${nestedList(200)}, "obj": {"a": {"b": {"c": [1, "x", null]}}}}`;
    expectJson(await call('POST', `${API}/experiments/create`, { raw }), 200, { experiment_id: expect.any(String) });
    await nameRoundTrips('with-extras');
  });

  test("a UTF-8 byte-order mark before the JSON is skipped (Python's json.loads of the body bytes; 3.6 source)", async () => {
    const raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ name: 'after-bom' }))]);
    expectJson(await call('POST', `${API}/experiments/create`, { raw }), 200, { experiment_id: expect.any(String) });
    await nameRoundTrips('after-bom');
  });

  test('a GET with no query string reads its fields from a JSON body (get_json(force=True); 3.6 source)', async () => {
    const answer = await rawRequest(emulator.mlflowUrl, {
      method: 'GET',
      path: `${API}/experiments/get`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ experiment_id: seedA }),
    });
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.text) as { experiment: { name: string } }).experiment.name).toBe('seed-a');
  });

  test('a GET with a query string ignores its body', async () => {
    const answer = await rawRequest(emulator.mlflowUrl, {
      method: 'GET',
      path: `${API}/experiments/get?experiment_id=987654`,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ experiment_id: seedA }),
    });
    expectJson({ status: answer.status, type: mainType(answer.headers['content-type']), text: answer.text, json: JSON.parse(answer.text) }, 404, {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'No Experiment with id=987654 exists',
    });
  });

  describe('query strings', () => {
    test('a repeated single-valued field takes its first occurrence', async () => {
      const first = await get('/experiments/get', `experiment_id=${seedA}&experiment_id=987654`);
      expect(first.status).toBe(200);
      expect((first.json as { experiment: { name: string } }).experiment.name).toBe('seed-a');
      expectJson(await get('/experiments/get', `experiment_id=987654&experiment_id=${seedA}`), 404, {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: 'No Experiment with id=987654 exists',
      });
      const byName = await get('/experiments/get-by-name', 'experiment_name=seed-a&experiment_name=zzz');
      expect((byName.json as { experiment: { experiment_id: string } }).experiment.experiment_id).toBe(seedA);
    });

    test('a repeated max_results: the first one is checked, the rest ignored', async () => {
      expectJson(await get('/experiments/search', 'max_results=abc&max_results=5'), 400, wrongType('max_results', '"abc"', 'str'));
      const ok = await get('/experiments/search', 'max_results=5&max_results=abc');
      expect(ok.status).toBe(200);
    });

    test('unknown query parameters are ignored; names are case-sensitive; `x[]` is another name', async () => {
      expect((await get('/experiments/get', `experiment_id=${seedA}&bogus=1&bogus=2`)).status).toBe(200);
      expectJson(await get('/experiments/get', `EXPERIMENT_ID=${seedA}`), 400, missing('experiment_id'));
      expectJson(await get('/experiments/get', `experiment_id%5B%5D=${seedA}`), 400, missing('experiment_id'));
      expectJson(await get('/experiments/get', 'experiment_id='), 400, missing('experiment_id'));
    });

    test('`+` is a space and a stray `%` is kept as is', async () => {
      expectJson(await get('/experiments/get-by-name', 'experiment_name=a+b'), 404, {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: "Could not find experiment with name 'a b'",
      });
      expectJson(await get('/experiments/get-by-name', 'experiment_name=100%ZZ'), 404, {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: "Could not find experiment with name '100%ZZ'",
      });
    });

    test('a 5000-character name in the query string is looked up like any other', async () => {
      const name = 'q'.repeat(5000);
      expectJson(await get('/experiments/get-by-name', `experiment_name=${name}`), 404, {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: `Could not find experiment with name '${name}'`,
      });
    });
  });
});

describe('rejected input leaves the stored data unchanged', () => {
  let experimentsBefore: unknown;
  let storeBefore: string;

  async function experimentsSnapshot(): Promise<unknown> {
    const answer = await post('/experiments/search', { view_type: 'ALL', max_results: 50000 });
    expect(answer.status).toBe(200);
    return answer.json;
  }

  beforeAll(async () => {
    experimentsBefore = await experimentsSnapshot();
    storeBefore = JSON.stringify(emulator.deps.store.data);
    expect((experimentsBefore as { experiments: unknown[] }).experiments.length).toBeGreaterThanOrEqual(4);
  });

  describe('Content-Type', () => {
    test('text/plain (create-exp-wrong-content-type)', async () => {
      const answer = await call('POST', `${API}/experiments/create`, { raw: '{"name": "ct-text"}', contentType: 'text/plain' });
      expectJson(answer, 400, CT_WRONG);
    });

    test('no Content-Type header at all (create-exp-missing-content-type)', async () => {
      const answer = await rawRequest(emulator.mlflowUrl, { method: 'POST', path: `${API}/experiments/create`, body: '{"name": "ct-none"}' });
      expect(answer.status).toBe(400);
      expect(mainType(answer.headers['content-type'])).toBe('application/json');
      expect(JSON.parse(answer.text)).toEqual(CT_MISSING);
    });

    test('no Content-Type and no body', async () => {
      const answer = await rawRequest(emulator.mlflowUrl, { method: 'POST', path: `${API}/experiments/delete` });
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.text)).toEqual(CT_MISSING);
    });

    test('a form body', async () => {
      const answer = await fetch(`${emulator.mlflowUrl}${API}/experiments/create`, { method: 'POST', body: new URLSearchParams({ name: 'ct-form' }) });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual(CT_WRONG);
    });

    test('multipart/form-data', async () => {
      const form = new FormData();
      form.set('name', 'ct-multipart');
      const answer = await fetch(`${emulator.mlflowUrl}${API}/experiments/create`, { method: 'POST', body: form });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual(CT_WRONG);
    });

    test('the media type is compared case-sensitively: Application/JSON is refused (3.6 source)', async () => {
      const answer = await call('POST', `${API}/experiments/create`, { raw: '{"name": "ct-upper"}', contentType: 'Application/JSON' });
      expectJson(answer, 400, CT_WRONG);
    });

    test('the Content-Type check comes before the body is read: bad JSON with text/plain', async () => {
      expectJson(await call('POST', `${API}/experiments/create`, { raw: '{not json', contentType: 'text/plain' }), 400, CT_WRONG);
    });
  });

  describe('bodies that are not a JSON object', () => {
    const create = (raw: string) => call('POST', `${API}/experiments/create`, { raw });

    test('malformed JSON is read as {} (create-exp-malformed-json)', async () => {
      expectJson(await create('{not json'), 400, missing('name'));
      expectJson(await create('{"name": "truncated"'), 400, missing('name'));
      expectJson(await create("{'name': 'single-quoted'}"), 400, missing('name'));
    });

    test('an empty body, and JSON null, are read as {}', async () => {
      expectJson(await create(''), 400, missing('name'));
      expectJson(await create('null'), 400, missing('name'));
    });

    test('a string holding JSON is decoded twice, then checked like any body', async () => {
      expectJson(await create(JSON.stringify(JSON.stringify({ name: 123 }))), 400, wrongType('name', '123', 'int'));
      expectJson(await create(JSON.stringify(JSON.stringify({}))), 400, missing('name'));
    });

    // The real server crashes on these (a list or bool has no `.get`, iterating a bool or a number fails,
    // `json.loads` of a non-JSON string raises): an HTML 500 from an unhandled exception. The emulator
    // answers what the server answers for `null` and malformed JSON: the missing-field 400.
    test('an array, true, a number or a string not holding JSON: the missing-field 400, not a crash', async () => {
      for (const raw of ['[{"name": "in-array"}]', '[]', 'true', '42', '"not json"']) {
        expectJson(await create(raw), 400, missing('name'));
      }
    });

    test('an unknown field nested 200 levels deep, without a name: the missing-field 400', async () => {
      expectJson(await create(`{"deep": ${nestedList(200)}}`), 400, missing('name'));
    });

    // Beyond ~1000 levels Python's json.loads raises RecursionError (an HTML 500 on the real server);
    // the emulator reads the body and answers the missing-field 400.
    test('an unknown field nested 100000 levels deep, without a name: the missing-field 400', async () => {
      expectJson(await create(`{"deep": ${nestedList(100_000)}}`), 400, missing('name'));
    });
  });

  describe('wrong types (proto parsing fails, then the handler type checks)', () => {
    test('a number for a string field (create-exp-name-not-string)', async () => {
      expectJson(await post('/experiments/create', { name: 123 }), 400, wrongType('name', '123', 'int'));
    });

    test('a bool and a float for a string field', async () => {
      expectJson(await post('/experiments/create', { name: true }), 400, wrongType('name', 'true', 'bool'));
      expectJson(await post('/experiments/create', { name: 1.5 }), 400, wrongType('name', '1.5', 'float'));
    });

    test("a list and an object: shown as Python's compact, key-sorted, ASCII-only json.dumps", async () => {
      expectJson(await post('/experiments/create', { name: ['b', 'a'] }), 400, wrongType('name', '["b","a"]', 'list'));
      expectJson(await post('/experiments/create', { name: { z: 'ü', a: 1 } }), 400, wrongType('name', '{"a":1,"z":"\\u00fc"}', 'dict'));
      expectJson(await post('/experiments/create', { name: ['実験'] }), 400, wrongType('name', '["\\u5b9f\\u9a13"]', 'list'));
    });

    test('a list nested 200 levels deep for a string field', async () => {
      const raw = `{"name": ${nestedList(200)}}`;
      expectJson(await call('POST', `${API}/experiments/create`, { raw }), 400, wrongType('name', nestedList(200), 'list'));
    });

    test('a list nested 100000 levels deep for a string field: an HTML 500 (RecursionError on the real server)', async () => {
      expectHtml(await call('POST', `${API}/experiments/create`, { raw: `{"name": ${nestedList(100_000)}}` }), 500);
      expect((await call('GET', '/health')).text).toBe('OK');
    });

    test('the other fields of experiments/create are checked in order: artifact_location, then tags', async () => {
      expectJson(await post('/experiments/create', { name: 'typed', artifact_location: 5 }), 400, wrongType('artifact_location', '5', 'int'));
      expectJson(await post('/experiments/create', { name: 'typed', tags: 'notalist' }), 400, wrongType('tags', '"notalist"', 'str'));
    });

    test('a number for new_name on experiments/update', async () => {
      expectJson(await post('/experiments/update', { experiment_id: seedA, new_name: 7 }), 400, wrongType('new_name', '7', 'int'));
    });

    test('a non-integer max_results in a search body', async () => {
      expectJson(await post('/experiments/search', { max_results: 'abc' }), 400, wrongType('max_results', '"abc"', 'str'));
    });
  });

  describe('missing required fields', () => {
    test('experiments/create without a name, with "" and with null (create-exp-no-name, create-exp-empty-name)', async () => {
      for (const body of [{}, { name: '' }, { name: null }, { artifact_location: 's3://x' }]) {
        expectJson(await post('/experiments/create', body), 400, missing('name'));
      }
    });

    test('experiments/update, delete, restore, set-experiment-tag, delete-experiment-tag', async () => {
      expectJson(await post('/experiments/update', { experiment_id: seedA }), 400, missing('new_name'));
      expectJson(await post('/experiments/update', { new_name: 'x' }), 400, missing('experiment_id'));
      expectJson(await post('/experiments/delete', {}), 400, missing('experiment_id'));
      expectJson(await post('/experiments/restore', { experiment_id: '' }), 400, missing('experiment_id'));
      expectJson(await post('/experiments/set-experiment-tag', { experiment_id: seedA, value: 'v' }), 400, missing('key'));
      expectJson(await post('/experiments/delete-experiment-tag', { key: 'team' }), 400, missing('experiment_id'));
    });

    test('GET experiments/get and get-by-name without their parameter (get-exp-missing-id)', async () => {
      expectJson(await get('/experiments/get'), 400, missing('experiment_id'));
      expectJson(await get('/experiments/get-by-name'), 400, missing('experiment_name'));
    });
  });

  describe('very long values', () => {
    test('a 501-character name, a 100000-character name (create-exp-name-501-chars)', async () => {
      expectJson(await post('/experiments/create', { name: 'n'.repeat(501) }), 400, NAME_TOO_LONG);
      expectJson(await post('/experiments/create', { name: 'x'.repeat(100_000) }), 400, NAME_TOO_LONG);
    });

    test('501 astral characters (501 Python characters)', async () => {
      expectJson(await post('/experiments/create', { name: ROCKET.repeat(501) }), 400, NAME_TOO_LONG);
    });

    test('an experiment tag value over 5000 characters (set-exp-tag-value-5001)', async () => {
      const tooLong = invalid("'value' exceeds the maximum length of 5000 characters");
      expectJson(await post('/experiments/set-experiment-tag', { experiment_id: seedA, key: 'big', value: 'v'.repeat(5001) }), 400, tooLong);
    });
  });

  describe('a body over the size limit', () => {
    const SEVENTY_MB = 70 * 1024 * 1024;
    const hugeBody = () => Buffer.concat([Buffer.from('{"name": "huge", "pad": "'), Buffer.alloc(SEVENTY_MB, 'a'), Buffer.from('"}')]);

    test('70 MB with a Content-Length: HTML 413, and the server keeps serving', async () => {
      const answer = await call('POST', `${API}/experiments/create`, { raw: hugeBody() });
      expectHtml(answer, 413);
      const health = await call('GET', '/health');
      expect({ status: health.status, text: health.text }).toEqual({ status: 200, text: 'OK' });
      expect((await get('/experiments/get', `experiment_id=${seedA}`)).status).toBe(200);
    }, 60_000);

    test('70 MB sent chunked, without a Content-Length: HTML 413, and the server keeps serving', async () => {
      const answer = await rawRequest(emulator.mlflowUrl, {
        method: 'POST',
        path: `${API}/experiments/create`,
        headers: { 'Content-Type': 'application/json' },
        body: hugeBody(),
        chunked: 1024 * 1024,
      });
      expect(answer.status).toBe(413);
      expect(mainType(answer.headers['content-type'])).toBe('text/html');
      expect(answer.text.startsWith(htmlErrorPrefix(413))).toBe(true);
      expect((await call('GET', '/health')).text).toBe('OK');
    }, 60_000);
  });

  describe('unknown routes: the HTML 404 page', () => {
    test('an unknown endpoint, the removed experiments/list (unknown-endpoint, removed-experiments-list)', async () => {
      expectHtml(await get('/nope'), 404);
      expectHtml(await get('/experiments/list'), 404);
      expectHtml(await call('GET', '/ajax-api/2.0/mlflow/nope'), 404);
    });

    test('routing comes before the Content-Type and body checks', async () => {
      expectHtml(await post('/nope', { name: 'x' }), 404);
      const noType = await rawRequest(emulator.mlflowUrl, { method: 'POST', path: `${API}/experimentsset-experiment-tag`, body: '{not json' });
      expect(noType.status).toBe(404);
      expect(noType.text.startsWith(htmlErrorPrefix(404))).toBe(true);
    });

    test('a trailing slash is another route (Werkzeug strict slashes)', async () => {
      expectHtml(await get('/experiments/get/', `experiment_id=${seedA}`), 404);
    });

    test('paths are case-sensitive', async () => {
      expectHtml(await call('GET', `/API/2.0/mlflow/experiments/get`, { query: `experiment_id=${seedA}` }), 404);
      expectHtml(await get('/Experiments/Get', `experiment_id=${seedA}`), 404);
    });

    test('`..` segments and an encoded `?` are not resolved (sent raw through node:http)', async () => {
      for (const path of [`${API}/../../health`, `${API}/experiments/get%3Fexperiment_id=${seedA}`, `${API}/experiments/%2e%2e/experiments/get?experiment_id=${seedA}`]) {
        const answer = await rawRequest(emulator.mlflowUrl, { method: 'GET', path });
        expect({ path, status: answer.status }).toEqual({ path, status: 404 });
        expect(answer.text.startsWith(htmlErrorPrefix(404))).toBe(true);
      }
    });
  });

  describe('wrong methods: the HTML 405 page with an Allow header', () => {
    const cases: [string, string, string[]][] = [
      ['GET', '/experiments/create', ['OPTIONS', 'POST']],
      ['PUT', '/experiments/create', ['OPTIONS', 'POST']],
      ['DELETE', '/experiments/get', ['GET', 'HEAD', 'OPTIONS']],
      ['PATCH', '/experiments/search', ['GET', 'HEAD', 'OPTIONS', 'POST']],
      ['POST', '/experiments/get-by-name', ['GET', 'HEAD', 'OPTIONS']],
    ];

    test.each(cases)('%s %s', async (method, path, allow) => {
      const answer = await call(method, `${API}${path}`, method === 'GET' ? {} : { json: { experiment_id: seedA, name: 'x' } });
      expectHtml(answer, 405);
      expect(allowSet(answer.headers.get('allow'))).toEqual(allow);
    });

    test('POST /health and DELETE /version', async () => {
      const health = await call('POST', '/health', { json: {} });
      expectHtml(health, 405);
      expect(allowSet(health.headers.get('allow'))).toEqual(['GET', 'HEAD', 'OPTIONS']);
      expectHtml(await call('DELETE', '/version'), 405);
    });

    test('HEAD of a POST-only route: 405 with Allow, no body', async () => {
      const answer = await fetch(`${emulator.mlflowUrl}${API}/experiments/create`, { method: 'HEAD' });
      expect(answer.status).toBe(405);
      expect(allowSet(answer.headers.get('allow'))).toEqual(['OPTIONS', 'POST']);
      expect(await answer.text()).toBe('');
    });

    test('the ajax-api mirror answers the same', async () => {
      const answer = await call('GET', '/ajax-api/2.0/mlflow/experiments/create');
      expectHtml(answer, 405);
      expect(allowSet(answer.headers.get('allow'))).toEqual(['OPTIONS', 'POST']);
    });
  });

  test('after all of it: the same experiments, the same stored document, and /health answers OK', async () => {
    expect(await experimentsSnapshot()).toEqual(experimentsBefore);
    expect(JSON.stringify(emulator.deps.store.data)).toBe(storeBefore);
    const health = await call('GET', '/health');
    expect({ status: health.status, type: health.type, text: health.text }).toEqual({ status: 200, type: 'text/html', text: 'OK' });
  });
});

describe('runs: bad input (needs the runs backend)', () => {
  let expId: string;
  let runId: string;
  let unicodeKey: Answer;
  let runBefore: unknown;
  const runSnapshot = async () => (await get('/runs/get', `run_id=${runId}`)).json;

  beforeAll(async () => {
    expId = ((await post('/experiments/create', { name: 'runs-bad-input' })).json as { experiment_id: string }).experiment_id;
    const created = await post('/runs/create', { experiment_id: expId, run_name: 'target', start_time: 1_796_400_233_000 });
    runId = (created.json as { run: { info: { run_id: string } } }).run.info.run_id;
    await post('/runs/log-parameter', { run_id: runId, key: 'lr', value: '0.1' });
    await post('/runs/log-metric', { run_id: runId, key: 'loss', value: 0.5, timestamp: 1_796_400_233_000, step: 0 });
    unicodeKey = await post('/runs/log-parameter', { run_id: runId, key: 'скорость_обучения', value: '0.1' });
    runBefore = await runSnapshot();
  });

  test("a unicode param key is valid: Python's \\w matches letters of any script (3.6 source)", async () => {
    expectJson(unicodeKey, 200, {});
    const run = runBefore as { run: { data: { params: { key: string; value: string }[] } } };
    expect(run.run.data.params).toContainEqual({ key: 'скорость_обучения', value: '0.1' });
  });

  test('wrong types: a string metric value, a string timestamp, a number param value (log-metric-value-bad, log-param-value-number)', async () => {
    expectJson(await post('/runs/log-metric', { run_id: runId, key: 'loss', value: 'abc', timestamp: 1_796_400_233_000 }), 400, wrongType('value', '"abc"', 'str'));
    expectJson(await post('/runs/log-metric', { run_id: runId, key: 'loss', value: 0.1, timestamp: 'abc' }), 400, wrongType('timestamp', '"abc"', 'str'));
    expectJson(await post('/runs/log-parameter', { run_id: runId, key: 'num', value: 5 }), 400, wrongType('value', '5', 'int'));
  });

  test('missing fields: a metric without timestamp, alone and in a batch (log-metric-no-timestamp, log-batch-metric-missing-timestamp)', async () => {
    expectJson(await post('/runs/log-metric', { run_id: runId, key: 'loss', value: 0.4 }), 400, missing('timestamp'));
    expectJson(await post('/runs/log-batch', { run_id: runId, metrics: [{ key: 'x', value: 1 }] }), 400, missing('metrics[0].timestamp'));
    expectJson(await post('/runs/log-parameter', { key: 'k', value: 'v' }), 400, missing('run_id'));
    expectJson(await get('/runs/get'), 400, missing('run_id'));
  });

  test('bad keys: characters, a unicode key with a bad character (shown ASCII-escaped), a key over 250 characters', async () => {
    const chars = 'Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).';
    expectJson(await post('/runs/log-parameter', { run_id: runId, key: 'bad key!', value: 'v' }), 400, invalid(`Invalid value "bad key!" for parameter 'key' supplied: ${chars}`));
    expectJson(
      await post('/runs/log-parameter', { run_id: runId, key: 'ключ!', value: 'v' }),
      400,
      invalid(`Invalid value "\\u043a\\u043b\\u044e\\u0447!" for parameter 'key' supplied: ${chars}`),
    );
    expectJson(
      await post('/runs/log-parameter', { run_id: runId, key: 'k'.repeat(251), value: 'v' }),
      400,
      invalid("'Param key' exceeds the maximum length of 250 characters"),
    );
  });

  test('a bad status on runs/update is ignored: 200 and the status unchanged (update-run-bad-status)', async () => {
    const answer = await post('/runs/update', { run_id: runId, status: 'BOGUS' });
    expect(answer.status).toBe(200);
    expect((answer.json as { run_info: { status: string } }).run_info.status).toBe('RUNNING');
  });

  test('a repeated run_id in the query string takes the first', async () => {
    const answer = await get('/runs/get', `run_id=${runId}&run_id=00000000000000000000000000000000`);
    expect((answer.json as { run: { info: { run_id: string } } }).run.info.run_id).toBe(runId);
  });

  test('GET runs/search is a 405 (search-runs-get-method)', async () => {
    const answer = await get('/runs/search', `experiment_ids=${expId}`);
    expectHtml(answer, 405);
    expect(allowSet(answer.headers.get('allow'))).toEqual(['OPTIONS', 'POST']);
  });

  test('the run is unchanged', async () => {
    expect(runBefore).toBeDefined();
    expect(await runSnapshot()).toEqual(runBefore);
    expect((await call('GET', '/health')).text).toBe('OK');
  });
});
