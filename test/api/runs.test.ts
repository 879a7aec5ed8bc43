import { startEmulator, type RunningEmulator } from '../../src/emulator.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ apiPort: 0, mlflowPort: 0, inMemory: true, logLevel: 'silent' });
});
afterAll(async () => {
  await emulator?.stop();
});

interface Answer {
  status: number;
  body: any;
}

async function post(path: string, body: unknown): Promise<Answer> {
  const res = await fetch(`${emulator.mlflowUrl}/api/2.0/mlflow${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function get(path: string, query: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${emulator.mlflowUrl}/api/2.0/mlflow${path}?${new URLSearchParams(query)}`);
  return { status: res.status, body: await res.json() };
}

const invalid = (message: string) => ({ error_code: 'INVALID_PARAMETER_VALUE', message });
let counter = 0;

async function newExperiment(extra: Record<string, unknown> = {}): Promise<string> {
  counter += 1;
  return (await post('/experiments/create', { name: `runs-test-${counter}`, ...extra })).body.experiment_id;
}

async function newRun(experimentId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const answer = await post('/runs/create', { experiment_id: experimentId, start_time: 1_700_000_000_000, ...extra });
  expect(answer.status).toBe(200);
  return answer.body.run.info.run_id;
}

const getRun = async (runId: string) => (await get('/runs/get', { run_id: runId })).body.run;

describe('when a run is created without a name', () => {
  test('then it gets a random adjective-animal-NNN name, mirrored in the mlflow.runName tag, and the server defaults', async () => {
    const exp = await newExperiment();
    const answer = await post('/runs/create', { experiment_id: exp });
    expect(answer.status).toBe(200);
    const { run } = answer.body;
    expect(run.info.run_name).toMatch(/^[a-z]+-[a-z]+-\d{1,4}$/);
    expect(run.info.run_id).toMatch(/^[0-9a-f]{32}$/);
    expect(run).toEqual({
      info: {
        run_id: run.info.run_id,
        run_uuid: run.info.run_id,
        run_name: run.info.run_name,
        experiment_id: exp,
        user_id: '',
        status: 'RUNNING',
        start_time: 0,
        artifact_uri: `mlflow-artifacts:/${exp}/${run.info.run_id}/artifacts`,
        lifecycle_stage: 'active',
      },
      data: { tags: [{ key: 'mlflow.runName', value: run.info.run_name }] },
      inputs: {},
    });
  });
});

describe('when a run is created with a name, tags and an experiment id sent as a number', () => {
  test('then it is stored as given, and get answers it with outputs {}', async () => {
    const exp = await newExperiment();
    const answer = await post('/runs/create', {
      experiment_id: Number(exp),
      run_name: 'named',
      user_id: 'alice',
      start_time: '1700000000123',
      tags: [{ key: 'team', value: 'core' }],
    });
    expect(answer.status).toBe(200);
    const run = await getRun(answer.body.run.info.run_id);
    expect(run.info).toMatchObject({ experiment_id: exp, run_name: 'named', user_id: 'alice', start_time: 1_700_000_000_123 });
    expect(run.data.tags).toEqual(
      expect.arrayContaining([
        { key: 'team', value: 'core' },
        { key: 'mlflow.runName', value: 'named' },
      ]),
    );
    expect(run.outputs).toEqual({});
  });
});

describe('when a run is created in an experiment with its own artifact location', () => {
  test('then the run artifact_uri is <location>/<run_id>/artifacts', async () => {
    const exp = await newExperiment({ artifact_location: 's3://bucket/prefix/' });
    const runId = await newRun(exp);
    expect((await getRun(runId)).info.artifact_uri).toBe(`s3://bucket/prefix/${runId}/artifacts`);
  });
});

describe('when runs/create is refused', () => {
  test('then a run_name that differs from the mlflow.runName tag is a 400 and no run is made', async () => {
    const exp = await newExperiment();
    const answer = await post('/runs/create', { experiment_id: exp, run_name: 'a', tags: [{ key: 'mlflow.runName', value: 'b' }] });
    expect(answer).toEqual({
      status: 400,
      body: invalid("Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='a', mlflow.runName='b')."),
    });
    expect((await post('/runs/search', { experiment_ids: [exp] })).body).toEqual({});
  });

  test('then an unknown experiment is a 404 and a deleted one a 400', async () => {
    expect(await post('/runs/create', { experiment_id: '987654' })).toEqual({
      status: 404,
      body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'No Experiment with id=987654 exists' },
    });
    const exp = await newExperiment();
    await post('/experiments/delete', { experiment_id: exp });
    expect(await post('/runs/create', { experiment_id: exp })).toEqual({
      status: 400,
      body: invalid(`The experiment ${exp} must be in the 'active' state. Current state is deleted.`),
    });
  });

  test('then no experiment_id is a 400 BAD_REQUEST', async () => {
    const answer = await post('/runs/create', { run_name: 'orphan' });
    expect(answer.status).toBe(400);
    expect(answer.body.error_code).toBe('BAD_REQUEST');
  });
});

describe('when a run is looked up', () => {
  test('then run_uuid works in place of run_id, and an unknown id is a 404', async () => {
    const runId = await newRun(await newExperiment());
    expect((await get('/runs/get', { run_uuid: runId })).body.run.info.run_id).toBe(runId);
    expect(await get('/runs/get', { run_id: 'f'.repeat(32) })).toEqual({
      status: 404,
      body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run with id=${'f'.repeat(32)} not found` },
    });
  });
});

describe('when a run is updated', () => {
  test('then any status can follow any other, and end_time changes only when sent', async () => {
    const runId = await newRun(await newExperiment());
    const finished = await post('/runs/update', { run_id: runId, status: 'FINISHED', end_time: 1_700_000_000_500 });
    expect(finished.body.run_info).toMatchObject({ status: 'FINISHED', end_time: 1_700_000_000_500, run_uuid: runId });
    const again = await post('/runs/update', { run_id: runId, status: 'RUNNING' });
    expect(again.body.run_info).toMatchObject({ status: 'RUNNING', end_time: 1_700_000_000_500 });
  });

  test('then an unknown status is ignored (200, status unchanged)', async () => {
    const runId = await newRun(await newExperiment());
    const answer = await post('/runs/update', { run_id: runId, status: 'BOGUS' });
    expect(answer.status).toBe(200);
    expect(answer.body.run_info.status).toBe('RUNNING');
    expect(answer.body.run_info).not.toHaveProperty('end_time');
  });

  test('then run_name renames the run and its mlflow.runName tag', async () => {
    const runId = await newRun(await newExperiment(), { run_name: 'before' });
    await post('/runs/update', { run_id: runId, run_name: 'after' });
    const run = await getRun(runId);
    expect(run.info.run_name).toBe('after');
    expect(run.data.tags).toEqual([{ key: 'mlflow.runName', value: 'after' }]);
  });
});

describe('when a run is deleted', () => {
  let exp: string;
  let runId: string;
  beforeAll(async () => {
    exp = await newExperiment();
    runId = await newRun(exp, { run_name: 'doomed' });
    await post('/runs/log-parameter', { run_id: runId, key: 'p', value: '1' });
    expect(await post('/runs/delete', { run_id: runId })).toEqual({ status: 200, body: {} });
  });

  test('then it can still be read, and deleting it again is fine', async () => {
    expect((await getRun(runId)).info.lifecycle_stage).toBe('deleted');
    expect(await post('/runs/delete', { run_id: runId })).toEqual({ status: 200, body: {} });
  });

  test('then every write to it is refused and its data is unchanged', async () => {
    const before = await getRun(runId);
    const refusal = { status: 400, body: invalid(`The run ${runId} must be in the 'active' state. Current state is deleted.`) };
    expect(await post('/runs/log-parameter', { run_id: runId, key: 'q', value: '2' })).toEqual(refusal);
    expect(await post('/runs/log-metric', { run_id: runId, key: 'm', value: 1, timestamp: 1 })).toEqual(refusal);
    expect(await post('/runs/set-tag', { run_id: runId, key: 't', value: 'v' })).toEqual(refusal);
    expect(await post('/runs/delete-tag', { run_id: runId, key: 'mlflow.runName' })).toEqual(refusal);
    expect(await post('/runs/update', { run_id: runId, status: 'KILLED' })).toEqual(refusal);
    expect(await post('/runs/log-batch', { run_id: runId, params: [{ key: 'b', value: '1' }] })).toEqual(refusal);
    expect(await getRun(runId)).toEqual(before);
  });

  test('then searches leave it out unless asked for deleted runs', async () => {
    expect((await post('/runs/search', { experiment_ids: [exp] })).body).toEqual({});
    const deleted = await post('/runs/search', { experiment_ids: [exp], run_view_type: 'DELETED_ONLY' });
    expect(deleted.body.runs.map((r: any) => r.info.run_id)).toEqual([runId]);
  });

  test('then restore makes it active again (an unknown run is a 404)', async () => {
    expect(await post('/runs/restore', { run_id: runId })).toEqual({ status: 200, body: {} });
    expect((await getRun(runId)).info.lifecycle_stage).toBe('active');
    expect((await post('/runs/restore', { run_id: '0'.repeat(32) })).status).toBe(404);
  });
});

describe('when an experiment is deleted and restored', () => {
  test('then its runs are deleted with it and all come back, including a run deleted on its own before', async () => {
    const exp = await newExperiment();
    const kept = await newRun(exp);
    const deletedBefore = await newRun(exp);
    await post('/runs/delete', { run_id: deletedBefore });
    await post('/experiments/delete', { experiment_id: exp });
    expect((await getRun(kept)).info.lifecycle_stage).toBe('deleted');
    await post('/experiments/restore', { experiment_id: exp });
    expect((await getRun(kept)).info.lifecycle_stage).toBe('active');
    expect((await getRun(deletedBefore)).info.lifecycle_stage).toBe('active');
  });
});

describe('when params are logged', () => {
  test('then the same value again is fine, a different one is refused with the old and new values', async () => {
    const runId = await newRun(await newExperiment());
    expect(await post('/runs/log-parameter', { run_id: runId, key: 'lr', value: '0.1' })).toEqual({ status: 200, body: {} });
    expect(await post('/runs/log-parameter', { run_id: runId, key: 'lr', value: '0.1' })).toEqual({ status: 200, body: {} });
    expect(await post('/runs/log-parameter', { run_id: runId, key: 'lr', value: '0.2' })).toEqual({
      status: 400,
      body: invalid(
        `Changing param values is not allowed. Param with key='lr' was already logged with value='0.1' for run ID='${runId}'. Attempted logging new value '0.2'.`,
      ),
    });
    expect((await getRun(runId)).data.params).toEqual([{ key: 'lr', value: '0.1' }]);
  });

  test('then a missing value is "", a value over 6000 characters is truncated, and __proto__ is a plain key', async () => {
    const runId = await newRun(await newExperiment());
    await post('/runs/log-parameter', { run_id: runId, key: 'empty' });
    await post('/runs/log-parameter', { run_id: runId, key: 'long', value: 'x'.repeat(6001) });
    await post('/runs/log-parameter', { run_id: runId, key: '__proto__', value: 'p' });
    const params = Object.fromEntries((await getRun(runId)).data.params.map((p: any) => [p.key, p.value]));
    expect(params.empty).toBe('');
    expect(params.long).toBe('x'.repeat(6000));
    expect(Object.hasOwn(params, '__proto__')).toBe(true);
  });

  test('then a bad key is checked before the run is looked up', async () => {
    expect(await post('/runs/log-parameter', { run_id: '0'.repeat(32), key: '../x', value: 'v' })).toEqual({
      status: 400,
      body: invalid(
        `Invalid value "../x" for parameter 'key' supplied: Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to '../x'`,
      ),
    });
  });
});

describe('when tags are set and deleted', () => {
  test('then the last write wins and values over 8000 characters are truncated', async () => {
    const runId = await newRun(await newExperiment(), { run_name: 'tagged' });
    await post('/runs/set-tag', { run_id: runId, key: 'owner', value: 'me' });
    await post('/runs/set-tag', { run_id: runId, key: 'owner', value: 'you' });
    await post('/runs/set-tag', { run_id: runId, key: 'long', value: 'y'.repeat(8001) });
    const tags = Object.fromEntries((await getRun(runId)).data.tags.map((t: any) => [t.key, t.value]));
    expect(tags.owner).toBe('you');
    expect(tags.long).toHaveLength(8000);
  });

  test('then tag mlflow.runName renames the run, and an empty one changes nothing', async () => {
    const runId = await newRun(await newExperiment(), { run_name: 'first' });
    await post('/runs/set-tag', { run_id: runId, key: 'mlflow.runName', value: 'second' });
    expect((await getRun(runId)).info.run_name).toBe('second');
    await post('/runs/set-tag', { run_id: runId, key: 'mlflow.runName', value: '' });
    const run = await getRun(runId);
    expect(run.info.run_name).toBe('second');
    expect(run.data.tags).toEqual([{ key: 'mlflow.runName', value: 'second' }]);
  });

  test('then deleting a tag that is not there is a 404, and deleting the name tag keeps the run name', async () => {
    const runId = await newRun(await newExperiment(), { run_name: 'keep' });
    expect(await post('/runs/delete-tag', { run_id: runId, key: 'nope' })).toEqual({
      status: 404,
      body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `No tag with name: nope in run with id ${runId}` },
    });
    expect(await post('/runs/delete-tag', { run_id: runId, key: 'mlflow.runName' })).toEqual({ status: 200, body: {} });
    const run = await getRun(runId);
    expect(run.info.run_name).toBe('keep');
    expect(run.data).toEqual({});
  });

  test('then a tag key over 250 characters is refused', async () => {
    const runId = await newRun(await newExperiment());
    expect(await post('/runs/set-tag', { run_id: runId, key: 'k'.repeat(251), value: 'v' })).toEqual({
      status: 400,
      body: invalid("'key' exceeds the maximum length of 250 characters"),
    });
  });
});

describe('when runs are searched', () => {
  let exp: string;
  const ids: string[] = [];
  beforeAll(async () => {
    exp = await newExperiment();
    for (let i = 0; i < 3; i += 1) ids.push(await newRun(exp, { start_time: 1_000 + i, run_name: `r${i}` }));
  });

  test('then runs come newest start_time first, with outputs {}, and pages follow page_token', async () => {
    const all = await post('/runs/search', { experiment_ids: [exp] });
    expect(all.body.runs.map((r: any) => r.info.run_id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(all.body.runs[0].outputs).toEqual({});
    const page1 = await post('/runs/search', { experiment_ids: [exp], max_results: 2 });
    expect(page1.body.runs.map((r: any) => r.info.run_id)).toEqual([ids[2], ids[1]]);
    const page2 = await post('/runs/search', { experiment_ids: [exp], max_results: 2, page_token: page1.body.next_page_token });
    expect(page2.body).toEqual({ runs: [expect.objectContaining({ info: expect.objectContaining({ run_id: ids[0] }) })] });
  });

  test('then a filter and an order_by apply', async () => {
    const found = await post('/runs/search', { experiment_ids: [exp], filter: "attributes.run_name = 'r1'" });
    expect(found.body.runs.map((r: any) => r.info.run_id)).toEqual([ids[1]]);
    const asc = await post('/runs/search', { experiment_ids: [exp], order_by: ['attributes.start_time ASC'] });
    expect(asc.body.runs.map((r: any) => r.info.run_id)).toEqual(ids);
  });

  test('then no or unknown experiments answer {}, and max_results over 50000 is refused', async () => {
    expect(await post('/runs/search', {})).toEqual({ status: 200, body: {} });
    expect(await post('/runs/search', { experiment_ids: ['987654'] })).toEqual({ status: 200, body: {} });
    expect(await post('/runs/search', { experiment_ids: [exp], max_results: 50001 })).toEqual({
      status: 400,
      body: invalid(
        "Invalid value 50001 for parameter 'max_results' supplied:  Hint: Value was of type 'int'. See the API docs for more information about request parameters.",
      ),
    });
  });
});

describe('when a batch is logged', () => {
  test('then params, metrics and tags are all stored, and an mlflow.runName tag renames the run', async () => {
    const runId = await newRun(await newExperiment(), { run_name: 'batch' });
    const answer = await post('/runs/log-batch', {
      run_id: runId,
      metrics: [
        { key: 'm', value: 1, timestamp: 10, step: 0 },
        { key: 'm', value: 1, timestamp: 10, step: 0 },
        { key: 'm', value: '2.5', timestamp: '11', step: '1' },
      ],
      params: [{ key: 'p', value: 'v' }, { key: 'no-value' }],
      tags: [
        { key: 't', value: 'x' },
        { key: 'mlflow.runName', value: 'renamed' },
      ],
    });
    expect(answer).toEqual({ status: 200, body: {} });
    const run = await getRun(runId);
    expect(run.info.run_name).toBe('renamed');
    expect(run.data.metrics).toEqual([{ key: 'm', value: 2.5, timestamp: 11, step: 1 }]);
    expect(run.data.params).toEqual([
      { key: 'p', value: 'v' },
      { key: 'no-value', value: '' },
    ]);
    expect(run.data.tags).toEqual(expect.arrayContaining([{ key: 't', value: 'x' }, { key: 'mlflow.runName', value: 'renamed' }]));
    const history = await get('/metrics/get-history', { run_id: runId, metric_key: 'm' });
    expect(history.body.metrics).toHaveLength(2);
  });

  test('then a changed param refuses the whole batch: its metrics and tags are not stored either', async () => {
    const runId = await newRun(await newExperiment());
    await post('/runs/log-parameter', { run_id: runId, key: 'bp', value: '1' });
    const before = await getRun(runId);
    const answer = await post('/runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'm', value: 1, timestamp: 1 }],
      params: [
        { key: 'bp', value: '2' },
        { key: 'new', value: 'n' },
      ],
      tags: [{ key: 't', value: 'x' }],
    });
    expect(answer).toEqual({
      status: 400,
      body: invalid(
        `Changing param values is not allowed. Params were already logged='[{'key': 'bp', 'old_value': '1', 'new_value': '2'}]' for run ID='${runId}'.`,
      ),
    });
    expect(await getRun(runId)).toEqual(before);
  });

  test('then duplicate param keys, the limits and bad items are refused with MLflow messages', async () => {
    const runId = await newRun(await newExperiment());
    const before = await getRun(runId);
    const metrics = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: i, timestamp: 1 }));
    const kv = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    const cases: [unknown, string][] = [
      [{ params: [{ key: 'dp', value: '1' }, { key: 'dp', value: '1' }, { key: 'dp', value: '2' }] }, "Duplicate parameter keys have been submitted: ['dp', 'dp']. Please ensure the request contains only one param value per param key."],
      [{ metrics: metrics(1001) }, 'A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split up metrics across multiple requests and try again.'],
      [{ params: kv(101) }, 'A batch logging request can contain at most 100 params. Got 101 params. Please split up params across multiple requests and try again.'],
      [{ tags: kv(101) }, 'A batch logging request can contain at most 100 tags. Got 101 tags. Please split up tags across multiple requests and try again.'],
      [{ metrics: metrics(950), params: kv(51) }, 'A batch logging request can contain at most 1000 metrics, params, and tags. Got 1001 metrics, params, and tags. Please split up metrics, params, and tags across multiple requests and try again.'],
      [{ metrics: [{ key: 'x', value: 1 }] }, "Missing value for required parameter 'metrics[0].timestamp'. See the API docs for more information about request parameters."],
      [{ params: [{ value: 'v' }] }, "Missing value for required parameter 'params[0].key'. See the API docs for more information about request parameters."],
      [{ metrics: [{ key: 'ok', value: 1, timestamp: 1 }, { key: 'bad key!', value: 1, timestamp: 1 }] }, `Invalid value "bad key!" for parameter 'metrics[1].name' supplied: Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`],
      [{ metrics: [{ key: 'neg', value: 1, timestamp: -5 }] }, "Invalid value -5 for parameter 'metrics[0].timestamp' supplied: metric 'neg' (value=1.0). Timestamp must be a nonnegative long (64-bit integer) "],
      [{ tags: [{ key: 'k'.repeat(251), value: 'v' }] }, "'tags[0].key' exceeds the maximum length of 250 characters"],
    ];
    for (const [extra, message] of cases) {
      expect(await post('/runs/log-batch', { run_id: runId, ...(extra as object) })).toEqual({ status: 400, body: invalid(message) });
    }
    expect(await getRun(runId)).toEqual(before);
  });

  test('then a bad run id format is a 400 and an unknown run a 404', async () => {
    expect(await post('/runs/log-batch', { run_id: '!!bad' })).toEqual({
      status: 400,
      body: invalid('Invalid value "!!bad" for parameter \'run_id\' supplied.'),
    });
    expect((await post('/runs/log-batch', { run_id: '0'.repeat(32) })).status).toBe(404);
  });

  test('then a body over 1,000,000 bytes is refused with its size', async () => {
    const runId = await newRun(await newExperiment());
    const body = JSON.stringify({ run_id: runId, tags: [{ key: 'big', value: 'z'.repeat(1_000_000) }] });
    expect(await post('/runs/log-batch', body)).toEqual({
      status: 400,
      body: invalid(`Batched logging API requests must be at most 1000000 bytes, got a request of size ${Buffer.byteLength(body)}.`),
    });
    expect((await getRun(runId)).data.tags).toEqual([{ key: 'mlflow.runName', value: expect.any(String) }]);
  });
});

describe('when inputs are logged', () => {
  const dataset = (name: string, digest: string) => ({ name, digest, source_type: 'local', source: '{"uri": "/tmp/x"}', schema: '', profile: '' });

  test('then a dataset is shared by the runs of an experiment and its link tags belong to each run', async () => {
    const exp = await newExperiment();
    const a = await newRun(exp);
    const b = await newRun(exp);
    const datasetsBefore = Object.keys(emulator.deps.store.data.datasets).length;
    const train = { tags: [{ key: 'mlflow.data.context', value: 'train' }], dataset: dataset('ds', 'abc') };
    const evalInput = { tags: [{ key: 'mlflow.data.context', value: 'eval' }], dataset: dataset('ds', 'abc') };
    expect(await post('/runs/log-inputs', { run_id: a, datasets: [train, train] })).toEqual({ status: 200, body: {} });
    expect(await post('/runs/log-inputs', { run_id: a, datasets: [evalInput] })).toEqual({ status: 200, body: {} });
    expect(await post('/runs/log-inputs', { run_id: b, datasets: [evalInput] })).toEqual({ status: 200, body: {} });
    expect(Object.keys(emulator.deps.store.data.datasets).length).toBe(datasetsBefore + 1);
    const shown = { name: 'ds', digest: 'abc', source_type: 'local', source: '{"uri": "/tmp/x"}' };
    expect((await getRun(a)).inputs).toEqual({ dataset_inputs: [{ tags: [{ key: 'mlflow.data.context', value: 'train' }], dataset: shown }] });
    expect((await getRun(b)).inputs).toEqual({ dataset_inputs: [{ tags: [{ key: 'mlflow.data.context', value: 'eval' }], dataset: shown }] });
    const search = await post('/runs/search', { experiment_ids: [exp], filter: "dataset.context = 'eval'" });
    expect(search.body.runs.map((r: any) => r.info.run_id)).toEqual([b]);
  });

  test('then model inputs are listed, and a digest over 36 characters is refused', async () => {
    const runId = await newRun(await newExperiment());
    await post('/runs/log-inputs', { run_id: runId, models: [{ model_id: 'm-1' }] });
    expect((await getRun(runId)).inputs).toEqual({ model_inputs: [{ model_id: 'm-1' }] });
    expect(await post('/runs/log-inputs', { run_id: runId, datasets: [{ dataset: dataset('d', 'x'.repeat(37)) }] })).toEqual({
      status: 400,
      body: invalid("'digest' exceeds the maximum length of 36 characters"),
    });
  });
});

describe('when a model is logged with runs/log-model', () => {
  const model = { artifact_path: 'model', flavors: { python_function: {} }, utc_time_created: '2025-01-01 00:00:00.000000', run_id: 'r' };

  test('then each model is appended to the JSON list in tag mlflow.log-model.history', async () => {
    const runId = await newRun(await newExperiment());
    expect(await post('/runs/log-model', { run_id: runId, model_json: JSON.stringify(model) })).toEqual({ status: 200, body: {} });
    await post('/runs/log-model', { run_id: runId, model_json: JSON.stringify({ ...model, artifact_path: 'second', signature: {} }) });
    const tag = (await getRun(runId)).data.tags.find((t: any) => t.key === 'mlflow.log-model.history');
    expect(JSON.parse(tag.value)).toEqual([model, { ...model, artifact_path: 'second' }]);
  });

  test('then malformed JSON and missing fields are refused', async () => {
    const runId = await newRun(await newExperiment());
    expect(await post('/runs/log-model', { run_id: runId, model_json: '{nope' })).toEqual({
      status: 400,
      body: invalid('Malformed model info. \n {nope \n is not a valid JSON.'),
    });
    expect(await post('/runs/log-model', { run_id: runId, model_json: '{"run_id": "r"}' })).toEqual({
      status: 400,
      body: invalid("Model json is missing mandatory fields: {'artifact_path', 'flavors', 'utc_time_created'}"),
    });
  });
});
