import { startEmulator, type RunningEmulator } from '../../src/emulator.js';

let emulator: RunningEmulator;
let experimentId: string;

beforeAll(async () => {
  emulator = await startEmulator({ apiPort: 0, mlflowPort: 0, inMemory: true, logLevel: 'silent' });
  experimentId = (await post('/experiments/create', { name: 'metrics-test' })).body.experiment_id;
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
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function get(path: string, query: [string, string][]): Promise<Answer> {
  const res = await fetch(`${emulator.mlflowUrl}/api/2.0/mlflow${path}?${new URLSearchParams(query)}`);
  return { status: res.status, body: await res.json() };
}

const invalid = (message: string) => ({ error_code: 'INVALID_PARAMETER_VALUE', message });
const hint = ' See the API docs for more information about request parameters.';

async function newRun(): Promise<string> {
  return (await post('/runs/create', { experiment_id: experimentId, start_time: 1 })).body.run.info.run_id;
}

async function log(runId: string, key: string, value: unknown, timestamp: number, step?: unknown): Promise<void> {
  const answer = await post('/runs/log-metric', { run_id: runId, key, value, timestamp, ...(step === undefined ? {} : { step }) });
  expect(answer).toEqual({ status: 200, body: {} });
}

const latest = async (runId: string) => (await get('/runs/get', [['run_id', runId]])).body.run.data.metrics;
const history = async (runId: string, key: string, extra: [string, string][] = []) =>
  get('/metrics/get-history', [['run_id', runId], ['metric_key', key], ...extra]);

describe('when several points of a metric are logged', () => {
  test('then run data shows the greatest by (step, timestamp, value), not the last one logged', async () => {
    const runId = await newRun();
    await log(runId, 'acc', 0.9, 50, 5);
    await log(runId, 'acc', 0.1, 60, 4);
    await log(runId, 'acc', 0.3, 40, 5);
    expect(await latest(runId)).toEqual([{ key: 'acc', value: 0.9, timestamp: 50, step: 5 }]);
    await log(runId, 'acc', 0.95, 50, 5);
    expect(await latest(runId)).toEqual([{ key: 'acc', value: 0.95, timestamp: 50, step: 5 }]);
  });

  test('then the history holds every point ordered by (timestamp, step, value), exact duplicates once', async () => {
    const runId = await newRun();
    await log(runId, 'loss', 0.5, 2, 1);
    await log(runId, 'loss', 0.7, 1, 3);
    await log(runId, 'loss', 0.4, 2, 0);
    await log(runId, 'loss', 0.4, 2, 0);
    await log(runId, 'loss', 0.2, 2, 0);
    expect((await history(runId, 'loss')).body).toEqual({
      metrics: [
        { key: 'loss', value: 0.7, timestamp: 1, step: 3 },
        { key: 'loss', value: 0.2, timestamp: 2, step: 0 },
        { key: 'loss', value: 0.4, timestamp: 2, step: 0 },
        { key: 'loss', value: 0.5, timestamp: 2, step: 1 },
      ],
    });
  });
});

describe('when odd metric values are logged', () => {
  test('then numeric strings, NaN and ±Infinity are accepted, NaN shown as "NaN", infinities as ±max double', async () => {
    const runId = await newRun();
    await log(runId, 'str', '0.25', 1);
    await log(runId, 'nan', 'NaN', 1);
    await log(runId, 'inf', 'Infinity', 1);
    await log(runId, 'ninf', '-Infinity', 1);
    const byKey = Object.fromEntries((await latest(runId)).map((m: any) => [m.key, m.value]));
    expect(byKey).toEqual({ str: 0.25, nan: 'NaN', inf: 1.7976931348623157e308, ninf: -1.7976931348623157e308 });
    expect((await history(runId, 'nan')).body.metrics).toEqual([{ key: 'nan', value: 'NaN', timestamp: 1, step: 0 }]);
  });

  test('then a NaN counts as 0 when the latest point is picked', async () => {
    const runId = await newRun();
    await log(runId, 'm', -1, 5, 0);
    await log(runId, 'm', 'NaN', 5, 0);
    expect(await latest(runId)).toEqual([{ key: 'm', value: 'NaN', timestamp: 5, step: 0 }]);
    await log(runId, 'm', 0.5, 5, 0);
    expect(await latest(runId)).toEqual([{ key: 'm', value: 0.5, timestamp: 5, step: 0 }]);
  });

  test('then a fractional step is stored as step 0', async () => {
    const runId = await newRun();
    await log(runId, 'frac', 1, 1, 1.5);
    expect(await latest(runId)).toEqual([{ key: 'frac', value: 1, timestamp: 1, step: 0 }]);
  });
});

describe('when a metric is refused', () => {
  test('then nothing is stored, and the checks come before the run is looked up', async () => {
    const runId = await newRun();
    const cases: [Record<string, unknown>, number, unknown][] = [
      [{ key: 'm', value: 'abc', timestamp: 1 }, 400, invalid(`Invalid value "abc" for parameter 'value' supplied:  Hint: Value was of type 'str'.${hint}`)],
      [{ key: 'm', value: 1 }, 400, invalid(`Missing value for required parameter 'timestamp'.${hint}`)],
      [{ key: 'm', value: 0.5, timestamp: -1 }, 400, invalid("Invalid value -1 for parameter 'timestamp' supplied: metric 'm' (value=0.5). Timestamp must be a nonnegative long (64-bit integer) ")],
      [{ key: 'bad key!', value: 1, timestamp: 1 }, 400, invalid(`Invalid value "bad key!" for parameter 'name' supplied: Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`)],
      [{ key: 'k'.repeat(251), value: 1, timestamp: 1 }, 400, invalid("'Metric name' exceeds the maximum length of 250 characters")],
    ];
    for (const [body, status, error] of cases) {
      expect(await post('/runs/log-metric', { run_id: runId, ...body })).toEqual({ status, body: error });
    }
    expect((await post('/runs/log-metric', { run_id: '0'.repeat(32), key: '../m', value: 1, timestamp: 1 })).status).toBe(400);
    expect((await post('/runs/log-metric', { run_id: '0'.repeat(32), key: 'm', value: 1, timestamp: 1 })).status).toBe(404);
    expect(Object.keys((await get('/runs/get', [['run_id', runId]])).body.run.data)).toEqual(['tags']);
  });
});

describe('when a metric history is paged', () => {
  let runId: string;
  beforeAll(async () => {
    runId = await newRun();
    for (let i = 0; i < 5; i += 1) await log(runId, 'p', i, 100 + i, i);
  });

  test('then max_results pages follow next_page_token, and the last page has no token', async () => {
    const page1 = await history(runId, 'p', [['max_results', '2']]);
    expect(page1.body.metrics.map((m: any) => m.step)).toEqual([0, 1]);
    const page2 = await history(runId, 'p', [['max_results', '2'], ['page_token', page1.body.next_page_token]]);
    expect(page2.body.metrics.map((m: any) => m.step)).toEqual([2, 3]);
    const page3 = await history(runId, 'p', [['max_results', '2'], ['page_token', page2.body.next_page_token]]);
    expect(page3.body).toEqual({ metrics: [{ key: 'p', value: 4, timestamp: 104, step: 4 }] });
    const exact = await history(runId, 'p', [['max_results', '5']]);
    expect(exact.body).not.toHaveProperty('next_page_token');
  });

  test('then without max_results the whole history is answered (not the 3.6 empty page)', async () => {
    expect((await history(runId, 'p')).body.metrics).toHaveLength(5);
  });

  test('then run_uuid works for run_id, an unknown run or key is {}, and a bad token is a 400', async () => {
    expect((await get('/metrics/get-history', [['run_uuid', runId], ['metric_key', 'p']])).body.metrics).toHaveLength(5);
    expect(await history('0'.repeat(32), 'p')).toEqual({ status: 200, body: {} });
    expect(await history(runId, 'never', [['max_results', '10']])).toEqual({ status: 200, body: {} });
    expect(await history(runId, 'p', [['page_token', 'garbage']])).toEqual({ status: 400, body: invalid('Invalid page token, could not base64-decode') });
    expect(await get('/metrics/get-history', [['run_id', runId]])).toEqual({
      status: 400,
      body: invalid(`Missing value for required parameter 'metric_key'.${hint}`),
    });
  });
});

describe('when histories are fetched in bulk at intervals', () => {
  let a: string;
  let b: string;
  beforeAll(async () => {
    a = await newRun();
    b = await newRun();
    for (let step = 0; step < 10; step += 1) await log(a, 'x', 10, 1, step);
    await log(b, 'x', 1, 5, 3);
    await log(b, 'x', 2, 4, 3);
  });
  const bulk = (query: [string, string][]) => get('/metrics/get-history-bulk-interval', [['metric_key', 'x'], ...query]);

  test('then max_results evenly spaced steps are kept plus the first and last step, run by run', async () => {
    const answer = await bulk([['run_ids', a], ['max_results', '5']]);
    expect(answer.body.metrics.map((m: any) => m.step)).toEqual([0, 2, 4, 6, 8, 9]);
    expect(answer.body.metrics[0]).toEqual({ key: 'x', value: 10, timestamp: 1, step: 0, run_id: a });
    const both = await bulk([['run_ids', b], ['run_ids', a], ['start_step', '3'], ['end_step', '4']]);
    expect(both.body.metrics.map((m: any) => [m.run_id === a ? 'a' : 'b', m.step, m.value])).toEqual([
      ['b', 3, 2],
      ['b', 3, 1],
      ['a', 3, 10],
      ['a', 4, 10],
    ]);
  });

  test('then an unknown run adds nothing', async () => {
    expect((await bulk([['run_ids', '0'.repeat(32)]])).body).toEqual({});
  });

  test('then bad step ranges and max_results are refused', async () => {
    expect(await bulk([['run_ids', a], ['start_step', '0']])).toEqual({
      status: 400,
      body: invalid('If either start step or end step are specified, both must be specified.'),
    });
    expect(await bulk([['run_ids', a], ['start_step', '2'], ['end_step', '1']])).toEqual({
      status: 400,
      body: invalid('end_step must be greater than start_step. Found start_step=2 and end_step=1.'),
    });
    for (const max of ['0', '2501']) {
      expect(await bulk([['run_ids', a], ['max_results', max]])).toEqual({
        status: 400,
        body: invalid(`max_results must be between 1 and 2500.${hint}`),
      });
    }
    const tooMany = Array.from({ length: 101 }, (_, i): [string, string] => ['run_ids', `r${i}`]);
    expect(await bulk(tooMany)).toEqual({
      status: 400,
      body: invalid(`GetMetricHistoryBulkInterval request must specify at most 100 run_ids. Received 101 run_ids.${hint}`),
    });
    expect(await get('/metrics/get-history-bulk-interval', [['run_ids', a]])).toEqual({
      status: 400,
      body: invalid(`Missing value for required parameter 'metric_key'.${hint}`),
    });
  });
});
