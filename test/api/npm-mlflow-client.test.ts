/**
 * The npm package `mlflow@2.0.7` (a CommonJS MLflow client for Node) drives the emulator the way a
 * user's code does. Every assertion is what that client returns or throws against a real MLflow 3.6
 * server (contract §6, transcript in test/fixtures/conformance/mlflow-3.6), with one deliberate
 * exception: `Metrics.getHistory` (no max_results) gets the whole history, where the real 3.6 server
 * answers an empty page plus a token (a known 3.x regression the emulator does not copy).
 */
import { jest } from '@jest/globals';
import mlflowModule from 'mlflow';
import { LifecycleStage, RunStatus, ViewType } from 'mlflow/enum.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator.js';

/**
 * The client as an ESM TypeScript user gets it: `index.js` sets `module.exports` to the class, so
 * the default import is the class itself at run time, while the package's typings describe a module
 * whose `default` is the class. Take whichever is the constructor.
 */
type MLflowClass = typeof mlflowModule.default;
type MLflowClient = InstanceType<MLflowClass>;
const MLflow = ((mlflowModule as unknown as { default?: MLflowClass }).default ?? mlflowModule) as MLflowClass;

/** What the client throws on any status but 200: `new Error(new Error(JSON.stringify({status, statusText, data})))`. */
interface ClientFailure {
  status: number;
  statusText: string;
  data: { error_code: string; message: string } | null;
}

async function failureOf(call: Promise<unknown>): Promise<ClientFailure> {
  let thrown: unknown;
  try {
    await call;
  } catch (err) {
    thrown = err;
  }
  if (thrown === undefined) throw new Error('the client call succeeded, but the real server answers an error');
  const message = (thrown as Error).message;
  expect(message.startsWith('Error: ')).toBe(true);
  return JSON.parse(message.slice('Error: '.length)) as ClientFailure;
}

interface KeyValue {
  key: string;
  value: string;
}
interface MetricJson {
  key: string;
  value: number | string;
  timestamp: number;
  step: number;
}
interface RunInfoJson {
  run_id: string;
  run_uuid: string;
  run_name: string;
  experiment_id: string;
  user_id: string;
  status: string;
  start_time: number;
  end_time?: number;
  artifact_uri: string;
  lifecycle_stage: string;
}
interface RunJson {
  info: RunInfoJson;
  data: { metrics?: MetricJson[]; params?: KeyValue[]; tags?: KeyValue[] };
  inputs: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

const byKey = <T extends { key: string }>(list: T[] | undefined): T[] => [...(list ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
/** The client's types omit optional fields: undefined is dropped by JSON.stringify, as the client relies on. */
const omitted = undefined as unknown as string;

const T0 = 1_796_400_233_000;
const UNKNOWN_RUN = '00000000000000000000000000000000';

let emulator: RunningEmulator;
let client: MLflowClient;
let logSpy: jest.SpiedFunction<typeof console.log>;

beforeAll(async () => {
  emulator = await startEmulator({ apiPort: 0, mlflowPort: 0, inMemory: true, logLevel: 'silent' });
  // The client prints every POST body with console.log: keep the test output clean, but record it.
  logSpy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  client = new MLflow({ endpoint: emulator.mlflowUrl });
});

afterAll(async () => {
  logSpy?.mockRestore();
  await emulator?.stop();
});

describe('Experiments', () => {
  let expId: string;
  let createdAt: number;

  test('create answers the new id (ids count up from the Default experiment "0") and prints its body', async () => {
    const before = Date.now();
    const res = await client.Experiments.create({ name: 'npm-exp', artifact_location: omitted });
    createdAt = Date.now();
    expect(res).toEqual({ experiment_id: '1' });
    expId = res.experiment_id;
    // The body is printed as sent: the undefined artifact_location is dropped by JSON.stringify.
    expect(logSpy).toHaveBeenCalledWith('{"name":"npm-exp"}');
    const { experiment } = await client.Experiments.get({ experiment_id: expId });
    expect(experiment.creation_time).toBeGreaterThanOrEqual(before);
    expect(experiment.creation_time).toBeLessThanOrEqual(createdAt);
  });

  test('get answers the experiment (and nothing else: no runs list since MLflow 2.0)', async () => {
    const res = await client.Experiments.get({ experiment_id: expId });
    expect(res).toEqual({
      experiment: {
        experiment_id: expId,
        name: 'npm-exp',
        artifact_location: `mlflow-artifacts:/${expId}`,
        lifecycle_stage: LifecycleStage.active,
        last_update_time: expect.any(Number),
        creation_time: expect.any(Number),
      },
    });
    expect(res.experiment.last_update_time).toBe(res.experiment.creation_time);
  });

  test('create keeps an explicit artifact_location', async () => {
    const { experiment_id } = await client.Experiments.create({ name: 'npm-exp-located', artifact_location: 's3://bucket/npm' });
    expect(experiment_id).toBe('2');
    expect(logSpy).toHaveBeenCalledWith('{"name":"npm-exp-located","artifact_location":"s3://bucket/npm"}');
    const { experiment } = await client.Experiments.get({ experiment_id });
    expect(experiment).toMatchObject({ name: 'npm-exp-located', artifact_location: 's3://bucket/npm', lifecycle_stage: 'active' });
  });

  test('create with a taken name fails with 400 RESOURCE_ALREADY_EXISTS', async () => {
    const failure = await failureOf(client.Experiments.create({ name: 'npm-exp', artifact_location: omitted }));
    expect(failure.status).toBe(400);
    // The real server's message embeds an SQL error text; only the code is part of the contract.
    expect(failure.data?.error_code).toBe('RESOURCE_ALREADY_EXISTS');
  });

  test('get of an unknown id fails with 404 RESOURCE_DOES_NOT_EXIST', async () => {
    const failure = await failureOf(client.Experiments.get({ experiment_id: '987654' }));
    expect(failure).toMatchObject({
      status: 404,
      data: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: 'No Experiment with id=987654 exists' },
    });
  });

  test('update renames the experiment and moves last_update_time', async () => {
    const before = (await client.Experiments.get({ experiment_id: expId })).experiment;
    await new Promise((r) => setTimeout(r, 5));
    expect(await client.Experiments.update({ experiment_id: expId, new_name: 'npm-exp-renamed' })).toEqual({});
    expect(logSpy).toHaveBeenCalledWith(JSON.stringify({ experiment_id: expId, new_name: 'npm-exp-renamed' }));
    const { experiment } = await client.Experiments.get({ experiment_id: expId });
    expect(experiment.name).toBe('npm-exp-renamed');
    expect(experiment.creation_time).toBe(before.creation_time);
    expect(experiment.last_update_time).toBeGreaterThan(before.last_update_time);
  });

  test('delete marks the experiment deleted; it stays readable; a second delete is 404', async () => {
    expect(await client.Experiments.delete({ experiment_id: expId })).toEqual({});
    expect(logSpy).toHaveBeenCalledWith(JSON.stringify({ experiment_id: expId }));
    const { experiment } = await client.Experiments.get({ experiment_id: expId });
    expect(experiment.lifecycle_stage).toBe(LifecycleStage.deleted);
    const again = await failureOf(client.Experiments.delete({ experiment_id: expId }));
    expect(again).toMatchObject({ status: 404, data: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `No Experiment with id=${expId} exists` } });
  });

  test('runs cannot be created in a deleted experiment (400)', async () => {
    const failure = await failureOf(client.Runs.create({ experiment_id: expId, user_id: 'npm-user', start_time: T0 }));
    expect(failure).toEqual({
      status: 400,
      statusText: expect.any(String),
      data: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: `The experiment ${expId} must be in the 'active' state. Current state is deleted.`,
      },
    });
  });

  test('restore makes it active again; restoring an active experiment is 404', async () => {
    expect(await client.Experiments.restore({ experiment_id: expId })).toEqual({});
    const { experiment } = await client.Experiments.get({ experiment_id: expId });
    expect(experiment.lifecycle_stage).toBe(LifecycleStage.active);
    expect(experiment.name).toBe('npm-exp-renamed');
    const again = await failureOf(client.Experiments.restore({ experiment_id: expId }));
    expect(again).toMatchObject({ status: 404, data: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `No Experiment with id=${expId} exists` } });
  });

  test('list calls GET /experiments/list, removed in MLflow 2.0: an HTML 404, so data is null', async () => {
    const failure = await failureOf(client.Experiments.list({ view_type: ViewType.ALL }));
    expect(failure.status).toBe(404);
    expect(failure.data).toBeNull();
    expect(typeof failure.statusText).toBe('string');
  });

  test('setExperimentTag posts to ".../experimentsset-experiment-tag" (no slash): 404, data null, no tag stored', async () => {
    const failure = await failureOf(client.Experiments.setExperimentTag({ experiment_id: expId, key: 'k', value: 'v' }));
    expect(failure.status).toBe(404);
    expect(failure.data).toBeNull();
    const { experiment } = await client.Experiments.get({ experiment_id: expId });
    expect(experiment).not.toHaveProperty('tags');
  });
});

describe('Runs, params, metrics, tags', () => {
  let expId: string;
  let run: RunJson;
  let runId: string;
  let runName: string;

  beforeAll(async () => {
    expId = (await client.Experiments.create({ name: 'npm-runs', artifact_location: omitted })).experiment_id;
  });

  test('create answers a RUNNING run with a server-made name, mirrored in the mlflow.runName tag', async () => {
    const res = (await client.Runs.create({
      experiment_id: expId,
      user_id: 'npm-user',
      start_time: T0,
      tags: [{ key: 'team', value: 'core' }],
    })) as unknown as { run: RunJson };
    expect(logSpy).toHaveBeenCalledWith(
      JSON.stringify({ experiment_id: expId, user_id: 'npm-user', start_time: T0, tags: [{ key: 'team', value: 'core' }] }),
    );
    expect(Object.keys(res)).toEqual(['run']);
    run = res.run;
    runId = run.info.run_id;
    runName = run.info.run_name;
    expect(runId).toMatch(/^[0-9a-f]{32}$/);
    expect(runName).toMatch(/^[a-z]+-[a-z]+-\d{1,4}$/);
    expect(run.info).toEqual({
      run_id: runId,
      run_uuid: runId,
      run_name: runName,
      experiment_id: expId,
      user_id: 'npm-user',
      status: RunStatus.RUNNING,
      start_time: T0,
      artifact_uri: `mlflow-artifacts:/${expId}/${runId}/artifacts`,
      lifecycle_stage: LifecycleStage.active,
    });
    expect(Object.keys(run.data)).toEqual(['tags']);
    expect(byKey(run.data.tags)).toEqual([
      { key: 'mlflow.runName', value: runName },
      { key: 'team', value: 'core' },
    ]);
    expect(run.inputs).toEqual({});
    expect(run).not.toHaveProperty('outputs'); // create-run leaves outputs out; get-run has "outputs": {}
  });

  test('get answers the same run, with empty inputs and outputs', async () => {
    const res = (await client.Runs.get({ run_id: runId })) as unknown as { run: RunJson };
    expect(res).toEqual({ run: { ...run, outputs: {} } });
  });

  test('get of an unknown run fails with 404', async () => {
    const failure = await failureOf(client.Runs.get({ run_id: UNKNOWN_RUN }));
    expect(failure).toMatchObject({
      status: 404,
      data: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run with id=${UNKNOWN_RUN} not found` },
    });
  });

  test('logParameter stores a param; the same value again is fine; a new value is 400', async () => {
    expect(await client.Runs.logParameter({ run_id: runId, key: 'lr', value: '0.01' })).toEqual({});
    expect(logSpy).toHaveBeenCalledWith(JSON.stringify({ run_id: runId, run_uuid: runId, key: 'lr', value: '0.01' }));
    expect(await client.Runs.logParameter({ run_id: runId, key: 'lr', value: '0.01' })).toEqual({});
    const failure = await failureOf(client.Runs.logParameter({ run_id: runId, key: 'lr', value: '0.02' }));
    expect(failure).toMatchObject({
      status: 400,
      data: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: `Changing param values is not allowed. Param with key='lr' was already logged with value='0.01' for run ID='${runId}'. Attempted logging new value '0.02'.`,
      },
    });
  });

  test('logMetric stores points; a numeric string value is accepted', async () => {
    expect(await client.Runs.logMetric({ run_id: runId, key: 'loss', value: 0.9, timestamp: T0, step: 0 })).toEqual({});
    expect(logSpy).toHaveBeenCalledWith(JSON.stringify({ run_id: runId, run_uuid: runId, key: 'loss', value: 0.9, timestamp: T0, step: 0 }));
    expect(await client.Runs.logMetric({ run_id: runId, key: 'loss', value: 0.7, timestamp: T0 + 1, step: 1 })).toEqual({});
    const asText = '0.5' as unknown as number;
    expect(await client.Runs.logMetric({ run_id: runId, key: 'loss', value: asText, timestamp: T0 + 2, step: 2 })).toEqual({});
  });

  test('logMetric without a timestamp (the client does not add one) is 400 INVALID_PARAMETER_VALUE', async () => {
    const noTimestamp = undefined as unknown as number;
    const failure = await failureOf(client.Runs.logMetric({ run_id: runId, key: 'loss', value: 0.1, timestamp: noTimestamp }));
    expect(failure).toEqual({
      status: 400,
      statusText: expect.any(String),
      data: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: "Missing value for required parameter 'timestamp'. See the API docs for more information about request parameters.",
      },
    });
  });

  test('setTag overwrites, deleteTag removes, deleting a missing tag is 404', async () => {
    expect(await client.Runs.setTag({ run_id: runId, key: 'owner', value: 'me' })).toEqual({});
    expect(await client.Runs.setTag({ run_id: runId, key: 'stage', value: 'dev' })).toEqual({});
    expect(await client.Runs.setTag({ run_id: runId, key: 'owner', value: 'you' })).toEqual({});
    expect(await client.Runs.deleteTag({ run_id: runId, key: 'stage' })).toEqual({});
    expect(logSpy).toHaveBeenCalledWith(JSON.stringify({ run_id: runId, run_uuid: runId, key: 'stage' }));
    const failure = await failureOf(client.Runs.deleteTag({ run_id: runId, key: 'stage' }));
    expect(failure).toMatchObject({
      status: 404,
      data: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `No tag with name: stage in run with id ${runId}` },
    });
  });

  test('logBatch stores metrics, params and tags at once', async () => {
    const batch = {
      run_id: runId,
      metrics: [
        { key: 'loss', value: 0.6, timestamp: T0 + 3, step: 1 },
        { key: 'acc', value: 0.8, timestamp: T0 + 3, step: 0 },
      ],
      params: [{ key: 'batch_size', value: '32' }],
      tags: [{ key: 'phase', value: 'train' }],
    };
    expect(await client.Runs.logBatch(batch)).toEqual({});
    expect(logSpy).toHaveBeenCalledWith(JSON.stringify({ run_id: runId, run_uuid: runId, metrics: batch.metrics, params: batch.params, tags: batch.tags }));
  });

  test('get shows the latest metric per key by (step, timestamp, value), the params and the tags', async () => {
    const { run: got } = (await client.Runs.get({ run_id: runId })) as unknown as { run: RunJson };
    // loss@step 2 (logged before the step-1 point of the batch) is the latest, not the last logged.
    expect(byKey(got.data.metrics)).toEqual([
      { key: 'acc', value: 0.8, timestamp: T0 + 3, step: 0 },
      { key: 'loss', value: 0.5, timestamp: T0 + 2, step: 2 },
    ]);
    expect(byKey(got.data.params)).toEqual([
      { key: 'batch_size', value: '32' },
      { key: 'lr', value: '0.01' },
    ]);
    expect(byKey(got.data.tags)).toEqual([
      { key: 'mlflow.runName', value: runName },
      { key: 'owner', value: 'you' },
      { key: 'phase', value: 'train' },
      { key: 'team', value: 'core' },
    ]);
    expect(got.info.status).toBe('RUNNING');
  });

  test('Metrics.getHistory answers the whole history, ordered by timestamp, without paging', async () => {
    // The real 3.6 server answers {"next_page_token": ...} and no metrics here (known 3.x regression:
    // the client sends no max_results). The emulator answers the whole history, as 2.x did.
    const res = await client.Metrics.getHistory({ run_id: runId, metric_key: 'loss' });
    expect(res).toEqual({
      metrics: [
        { key: 'loss', value: 0.9, timestamp: T0, step: 0 },
        { key: 'loss', value: 0.7, timestamp: T0 + 1, step: 1 },
        { key: 'loss', value: 0.5, timestamp: T0 + 2, step: 2 },
        { key: 'loss', value: 0.6, timestamp: T0 + 3, step: 1 },
      ],
    });
  });

  test('Metrics.getHistory of a key never logged answers {}', async () => {
    expect(await client.Metrics.getHistory({ run_id: runId, metric_key: 'never' })).toEqual({});
  });

  test('Artifacts.list of a run without artifacts answers only root_uri', async () => {
    const res = await client.Artifacts.list({ run_id: runId, path: omitted });
    expect(res).toEqual({ root_uri: `mlflow-artifacts:/${expId}/${runId}/artifacts` });
  });

  test('update finishes the run and answers run_info; a FINISHED run still takes metrics', async () => {
    const res = (await client.Runs.update({ run_id: runId, status: RunStatus.FINISHED, end_time: T0 + 10 })) as unknown as {
      run_info: RunInfoJson;
    };
    expect(logSpy).toHaveBeenCalledWith(JSON.stringify({ run_id: runId, run_uuid: runId, status: 'FINISHED', end_time: T0 + 10 }));
    expect(res).toEqual({ run_info: { ...run.info, status: 'FINISHED', end_time: T0 + 10 } });
    // Only lifecycle_stage guards writes, never status.
    expect(await client.Runs.logMetric({ run_id: runId, key: 'after_finish', value: 1, timestamp: T0 + 11, step: 0 })).toEqual({});
    const { run: got } = (await client.Runs.get({ run_id: runId })) as unknown as { run: RunJson };
    expect(got.info).toEqual({ ...run.info, status: 'FINISHED', end_time: T0 + 10 });
    expect(got.data.metrics?.map((m) => m.key).sort()).toEqual(['acc', 'after_finish', 'loss']);
  });

  describe('search, delete and restore', () => {
    let secondId: string;

    beforeAll(async () => {
      const res = (await client.Runs.create({ experiment_id: expId, user_id: 'npm-user', start_time: T0 + 100 })) as unknown as {
        run: RunJson;
      };
      secondId = res.run.info.run_id;
      await client.Runs.logParameter({ run_id: secondId, key: 'lr', value: '0.1' });
      await client.Runs.logMetric({ run_id: secondId, key: 'loss', value: 0.95, timestamp: T0 + 101, step: 0 });
    });

    const ids = (res: { runs?: unknown[] }) => ((res.runs ?? []) as RunJson[]).map((r) => r.info.run_id);

    test('search answers the experiment runs, newest start_time first', async () => {
      const res = await client.Runs.search({ experiment_ids: [expId] });
      expect(logSpy).toHaveBeenCalledWith(JSON.stringify({ experiment_ids: [expId] }));
      expect(ids(res)).toEqual([secondId, runId]);
      expect(res).not.toHaveProperty('next_page_token');
      const first = (res.runs as unknown as RunJson[])[1];
      expect(first.info.status).toBe('FINISHED');
      expect(first.outputs).toEqual({});
      expect(byKey(first.data.params)).toEqual([
        { key: 'batch_size', value: '32' },
        { key: 'lr', value: '0.01' },
      ]);
    });

    test('search filters on params and on the latest metric value', async () => {
      expect(ids(await client.Runs.search({ experiment_ids: [expId], filter: "params.lr = '0.01'" }))).toEqual([runId]);
      expect(ids(await client.Runs.search({ experiment_ids: [expId], filter: 'metrics.loss < 0.55' }))).toEqual([runId]);
      expect(await client.Runs.search({ experiment_ids: [expId], filter: "tags.owner = 'nobody'" })).toEqual({});
    });

    test('search orders and pages with max_results and page_token', async () => {
      const page1 = await client.Runs.search({ experiment_ids: [expId], max_results: 1, order_by: ['metrics.loss ASC'] });
      expect(ids(page1)).toEqual([runId]);
      expect(typeof page1.next_page_token).toBe('string');
      const page2 = await client.Runs.search({
        experiment_ids: [expId],
        max_results: 1,
        order_by: ['metrics.loss ASC'],
        page_token: page1.next_page_token,
      });
      expect(ids(page2)).toEqual([secondId]);
      // The SQL store gives a token whenever a page is full, so the last full page has one and the
      // page after it is empty.
      expect(typeof page2.next_page_token).toBe('string');
      const page3 = await client.Runs.search({
        experiment_ids: [expId],
        max_results: 1,
        order_by: ['metrics.loss ASC'],
        page_token: page2.next_page_token,
      });
      expect(page3).toEqual({});
    });

    test('a bad filter is 400 INVALID_PARAMETER_VALUE', async () => {
      const failure = await failureOf(client.Runs.search({ experiment_ids: [expId], filter: "metrics.loss < 1 OR params.lr = '0.1'" }));
      expect(failure).toMatchObject({
        status: 400,
        data: { error_code: 'INVALID_PARAMETER_VALUE', message: "Invalid clause(s) in filter string: 'OR'" },
      });
    });

    test('delete hides the run from default searches; it stays readable; writes to it are 400', async () => {
      expect(await client.Runs.delete({ run_id: secondId })).toEqual({});
      expect(logSpy).toHaveBeenCalledWith(JSON.stringify({ run_id: secondId, run_uuid: secondId }));
      const { run: got } = (await client.Runs.get({ run_id: secondId })) as unknown as { run: RunJson };
      expect(got.info.lifecycle_stage).toBe(LifecycleStage.deleted);
      expect(ids(await client.Runs.search({ experiment_ids: [expId] }))).toEqual([runId]);
      expect(ids(await client.Runs.search({ experiment_ids: [expId], run_view_type: ViewType.DELETED_ONLY }))).toEqual([secondId]);
      expect(ids(await client.Runs.search({ experiment_ids: [expId], run_view_type: ViewType.ALL }))).toEqual([secondId, runId]);
      const failure = await failureOf(client.Runs.setTag({ run_id: secondId, key: 'x', value: 'y' }));
      expect(failure).toMatchObject({
        status: 400,
        data: { error_code: 'INVALID_PARAMETER_VALUE', message: `The run ${secondId} must be in the 'active' state. Current state is deleted.` },
      });
      // Deleting a deleted run again is a 200.
      expect(await client.Runs.delete({ run_id: secondId })).toEqual({});
    });

    test('restore brings the run back', async () => {
      expect(await client.Runs.restore({ run_id: secondId })).toEqual({});
      const { run: got } = (await client.Runs.get({ run_id: secondId })) as unknown as { run: RunJson };
      expect(got.info.lifecycle_stage).toBe(LifecycleStage.active);
      expect(ids(await client.Runs.search({ experiment_ids: [expId] }))).toEqual([secondId, runId]);
      const failure = await failureOf(client.Runs.restore({ run_id: UNKNOWN_RUN }));
      expect(failure).toMatchObject({ status: 404, data: { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Run with id=${UNKNOWN_RUN} not found` } });
    });

    test('deleting the experiment deletes its runs; restoring it restores them', async () => {
      await client.Experiments.delete({ experiment_id: expId });
      for (const id of [runId, secondId]) {
        const { run: got } = (await client.Runs.get({ run_id: id })) as unknown as { run: RunJson };
        expect(got.info.lifecycle_stage).toBe('deleted');
      }
      expect(await client.Runs.search({ experiment_ids: [expId] })).toEqual({});
      await client.Experiments.restore({ experiment_id: expId });
      expect(ids(await client.Runs.search({ experiment_ids: [expId] }))).toEqual([secondId, runId]);
    });
  });
});

test('every POST the client made was printed to stdout, GETs were not', () => {
  const printed = logSpy.mock.calls.map((args) => args[0]);
  expect(printed.length).toBeGreaterThan(20);
  for (const line of printed) expect(() => JSON.parse(String(line))).not.toThrow();
  expect(printed).not.toContainEqual(expect.stringContaining('metric_key'));
});
