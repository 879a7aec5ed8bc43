/**
 * search-runs against the state of experiment 1 in the conformance recording
 * (shared/conformance/mlflow-3.6, steps search-runs-*): same filters, same orders, same messages.
 */
import { describe, expect, it } from '@jest/globals';
import { decodePageToken, encodePageToken, searchRuns } from '../../../src/mlflow/search/index.js';
import type { DatasetRecord, MetricPoint, RunRecord } from '../../../src/store/schema.js';

const ID = {
  full: 'a1f0c3d2e5b4a7968877665544332211',
  minimal: 'b2e1d4c3f6a5b8079988776655443322',
  fromTag: 'c3d2e5f4a7b6c9180099887766554433',
  equalsTag: 'd4c3f6e5b8a7d0291100998877665544',
  numeric: 'e5b4a7f6c9b8e13a2211009988776655',
};
const NAME_BY_ID = Object.fromEntries(Object.entries(ID).map(([k, v]) => [v, k]));

const pt = (value: number, step: number, timestamp: number, isNan = false): MetricPoint =>
  isNan ? { value: 0, is_nan: true, step, timestamp } : { value, step, timestamp };

function run(id: string, over: Partial<RunRecord>): RunRecord {
  return {
    run_id: id,
    experiment_id: '1',
    run_name: '',
    user_id: '',
    status: 'RUNNING',
    start_time: 0,
    end_time: null,
    artifact_uri: `mlflow-artifacts:/1/${id}/artifacts`,
    lifecycle_stage: 'active',
    deleted_time: null,
    params: {},
    tags: {},
    metrics: {},
    dataset_inputs: [],
    model_inputs: [],
    model_outputs: [],
    ...over,
  };
}

const T = 1796400233000;
const datasets: Record<string, DatasetRecord> = {
  d1: { dataset_id: 'd1', experiment_id: '1', name: 'ds', digest: 'abc123', source_type: 'local', source: '{}' },
  d2: { dataset_id: 'd2', experiment_id: '1', name: 'ds-eval', digest: 'def456', source_type: 'local', source: '{}' },
};

function fixture(): RunRecord[] {
  return [
    run(ID.full, {
      run_name: 'renamed',
      user_id: 'alice',
      status: 'FINISHED',
      start_time: T,
      end_time: T + 10,
      params: { bp: '1', lr: '0.01' },
      tags: { a: 'b', team: 'core', 'mlflow.runName': 'renamed', bt: 'x' },
      metrics: { loss: [pt(0.9, 0, T), pt(0.7, 2, T + 1), pt(0.8, 1, T + 5)], m1: [pt(1, 0, T)] },
      dataset_inputs: [
        { dataset_id: 'd1', tags: [{ key: 'mlflow.data.context', value: 'train' }] },
        { dataset_id: 'd2', tags: [{ key: 'mlflow.data.context', value: 'eval' }] },
      ],
    }),
    run(ID.minimal, {
      run_name: 'renamed-by-tag',
      params: { lr: '0.1', p2: 'x', p3: '', 'a:b/c d-e.f_g': 'ok' },
      tags: { 'mlflow.runName': 'renamed-by-tag' },
      metrics: {
        loss: [pt(0.5, 1, T), pt(0.2, 3, T + 3)],
        nanm: [pt(NaN, 0, T, true)],
        infm: [pt(1.7976931348623157e308, 0, T)],
        acc: [pt(0.9, 5, T + 50)],
      },
    }),
    run(ID.fromTag, { run_name: 'from-tag', start_time: T + 3, tags: { 'mlflow.runName': 'from-tag' } }),
    run(ID.equalsTag, {
      run_name: 'same',
      status: 'FAILED',
      start_time: T + 2,
      end_time: T + 20,
      tags: { 'mlflow.runName': 'same' },
    }),
    run(ID.numeric, { run_name: 'numeric-exp-id', start_time: T + 1, tags: { 'mlflow.runName': 'numeric-exp-id' } }),
  ];
}

const names = (runs: RunRecord[]) => runs.map((r) => NAME_BY_ID[r.run_id]);
const search = (q: Partial<Parameters<typeof searchRuns>[2]>, runs = fixture()) =>
  searchRuns(runs, datasets, { maxResults: 1000, ...q });
const found = (filter: string, extra: Partial<Parameters<typeof searchRuns>[2]> = {}) =>
  names(search({ filter, ...extra }).items);

function errorOf(fn: () => unknown): { code: string; status: number; message: string } {
  try {
    fn();
  } catch (e) {
    return e as { code: string; status: number; message: string };
  }
  throw new Error('expected an error');
}

describe('searchRuns: recorded filters', () => {
  it.each([
    ['metrics.loss < 1', ['full', 'minimal']],
    ["params.lr = '0.1'", ['minimal']],
    ["parameter.lr = '0.01'", ['full']],
    ["tags.mlflow.runName LIKE 'ren%'", ['full', 'minimal']],
    ["tags.mlflow.runName LIKE 'REN%'", []],
    ["tags.`mlflow.runName` ILIKE 'REN%'", ['full', 'minimal']],
    ['params."lr" = \'0.1\'', ['minimal']],
    ["attributes.status = 'FINISHED'", ['full']],
    ["attributes.`Run name` = 'numeric-exp-id'", ['numeric']],
    ["run_name LIKE 'from%'", ['fromTag']],
    [`attributes.run_id IN ('${ID.minimal}', '${ID.full}')`, ['full', 'minimal']],
    [`attributes.run_id NOT IN ('${ID.minimal}', '${ID.full}')`, ['fromTag', 'equalsTag', 'numeric']],
    ['attributes.created > 1796400133000', ['fromTag', 'equalsTag', 'numeric', 'full']],
    ["datasets.name = 'ds'", ['full']],
    ["datasets.context = 'eval'", ['full']],
  ])('%s', (filter, expected) => {
    expect(found(filter)).toEqual(expected);
  });

  it('leaves out deleted runs unless asked, and DELETED_ONLY returns only them', () => {
    const runs = fixture().map((r) => (r.run_id === ID.full ? { ...r, lifecycle_stage: 'deleted' as const } : r));
    expect(names(search({ filter: "attributes.run_name = 'renamed'" }, runs).items)).toEqual([]);
    expect(names(search({ viewType: 'DELETED_ONLY' }, runs).items)).toEqual(['full']);
    expect(names(search({ viewType: 'ALL', filter: "attributes.run_name = 'renamed'" }, runs).items)).toEqual(['full']);
  });

  it.each([
    ["metrics.loss < 1 OR params.lr = '0.1'", "Invalid clause(s) in filter string: 'OR'"],
    ['foo.bar = 1', "Invalid entity type 'foo'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']"],
    ["metrics.loss = 'x'", "Expected numeric value type for metric. Found 'x'"],
    ['params.lr = 0.1', "Expected a quoted string value for parameter (e.g. 'my-value'). Got value 0.1"],
    ["params.lr > '0'", "Invalid comparator '>' not one of '{'!=', '=', 'ILIKE', 'LIKE'}'"],
  ])('rejects %s', (filter, message) => {
    const err = errorOf(() => search({ filter }));
    expect([err.code, err.status, err.message]).toEqual(['INVALID_PARAMETER_VALUE', 400, message]);
  });

  it('lists every valid attribute key when the key is unknown', () => {
    const { message } = errorOf(() => search({ filter: "attributes.color = 'red'" }));
    expect(message).toMatch(
      /^Invalid attribute key 'color' specified\. Valid keys are '\{(?:'(?:artifact_uri|start_time|run_name|end_time|Run name|Run Name|run name|Created|user_id|created|run_id|status)'(?:, )?){12}\}'$/,
    );
  });
});

describe('searchRuns: values', () => {
  it('compares metrics by their latest point, a NaN counting as 0', () => {
    expect(found('metrics.loss > 0.6')).toEqual(['full']);
    expect(found('metrics.nanm = 0')).toEqual(['minimal']);
    expect(found('metrics.infm > 1e308')).toEqual(['minimal']);
  });

  it('never matches a missing value, even with !=', () => {
    expect(found("params.p2 != 'y'")).toEqual(['minimal']);
    expect(found('attributes.end_time != 0')).toEqual(['equalsTag', 'full']);
    expect(found("params.p3 = ''")).toEqual(['minimal']);
  });

  it('supports quoted keys with special characters and dataset lists', () => {
    expect(found("params.`a:b/c d-e.f_g` = 'ok'")).toEqual(['minimal']);
    expect(found("datasets.digest IN ('def456', 'zzz')")).toEqual(['full']);
    expect(found("datasets.context NOT IN ('train')")).toEqual(['full']);
    expect(found("datasets.name LIKE 'ds-%' AND tags.team = 'core'")).toEqual(['full']);
  });

  it('drops upper-case ids from IN lists, as the store does', () => {
    expect(found(`attributes.run_id IN ('${ID.full.toUpperCase()}')`)).toEqual([]);
  });
});

describe('searchRuns: order_by', () => {
  it.each([
    [['metrics.loss DESC'], ['full', 'minimal', 'fromTag', 'equalsTag', 'numeric']],
    [['metrics.loss ASC'], ['minimal', 'full', 'fromTag', 'equalsTag', 'numeric']],
    [['params.lr'], ['full', 'minimal', 'fromTag', 'equalsTag', 'numeric']],
    [['attributes.run_name ASC'], ['fromTag', 'numeric', 'full', 'minimal', 'equalsTag']],
    [['attributes.status ASC', 'attributes.run_name DESC'], ['equalsTag', 'full', 'minimal', 'numeric', 'fromTag']],
    [[], ['fromTag', 'equalsTag', 'numeric', 'full', 'minimal']],
  ])('%j', (orderBy, expected) => {
    expect(names(search({ orderBy }).items)).toEqual(expected);
  });

  it('puts NaN metrics after numbers and missing ones last, in both directions', () => {
    const runs = fixture();
    runs[0].metrics.nanm = [pt(3, 0, T)];
    runs[2].metrics.nanm = [pt(-1, 0, T)];
    expect(names(search({ orderBy: ['metrics.nanm ASC'] }, runs).items)).toEqual(['fromTag', 'full', 'minimal', 'equalsTag', 'numeric']);
    expect(names(search({ orderBy: ['metrics.nanm DESC'] }, runs).items)).toEqual(['full', 'fromTag', 'minimal', 'equalsTag', 'numeric']);
  });

  it('breaks ties by start_time DESC then run_id, unless start_time is an order key', () => {
    expect(names(search({ orderBy: ['attributes.end_time DESC'] }).items)).toEqual(['equalsTag', 'full', 'fromTag', 'numeric', 'minimal']);
    expect(names(search({ orderBy: ['attributes.created'] }).items)).toEqual(['minimal', 'full', 'numeric', 'equalsTag', 'fromTag']);
    const same = fixture().map((r) => ({ ...r, start_time: 5 }));
    expect(search({}, same).items.map((r) => r.run_id)).toEqual(Object.values(ID).sort());
  });

  it('rejects a bad direction and repeated keys', () => {
    const bad = errorOf(() => search({ orderBy: ['metrics.loss DOWN'] }));
    expect(bad.message).toBe("Invalid ordering key in order_by clause 'metrics.loss DOWN'.");
    const dup = errorOf(() => search({ orderBy: ['metrics.loss', 'metrics.loss DESC'] }));
    expect([dup.status, dup.message]).toEqual([500, "`order_by` contains duplicate fields: ['metrics.loss', 'metrics.loss DESC']"]);
  });
});

describe('searchRuns: max_results and pages', () => {
  it('pages with offset tokens; a full page always carries a token', () => {
    const p1 = search({ maxResults: 2 });
    expect([names(p1.items), p1.nextPageToken]).toEqual([['fromTag', 'equalsTag'], encodePageToken(2)]);
    const p2 = search({ maxResults: 2, pageToken: p1.nextPageToken });
    expect([names(p2.items), decodePageToken(p2.nextPageToken)]).toEqual([['numeric', 'full'], 4]);
    const p3 = search({ maxResults: 2, pageToken: p2.nextPageToken });
    expect([names(p3.items), p3.nextPageToken]).toEqual([['minimal'], undefined]);
    const exact = search({ maxResults: 5 });
    expect(exact.nextPageToken).toBe('eyJvZmZzZXQiOiA1fQ==');
    expect(search({ maxResults: 5, pageToken: exact.nextPageToken })).toEqual({ items: [], nextPageToken: undefined });
  });

  it.each([
    [0, "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer"],
    [50001, "Invalid value 50001 for parameter 'max_results' supplied. It must be at most 50000"],
  ])('rejects max_results %d', (maxResults, message) => {
    expect(errorOf(() => search({ maxResults })).message).toBe(message);
  });

  it('rejects a bad page token after checking the filter', () => {
    expect(errorOf(() => search({ pageToken: 'garbage' })).message).toBe('Invalid page token, could not base64-decode');
    expect(errorOf(() => search({ pageToken: 'garbage', filter: 'x.y = 1' })).message).toMatch(/^Invalid entity type 'x'/);
  });
});
