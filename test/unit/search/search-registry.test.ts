/** Registry searches against the models of the conformance recording (steps rm-search*, mv-search*). */
import { describe, expect, it } from '@jest/globals';
import {
  type VersionRef,
  encodePageToken,
  searchModelVersions,
  searchRegisteredModels,
} from '../../../src/mlflow/search/index.js';
import type { ModelVersionRecord, RegisteredModelRecord } from '../../../src/store/schema.js';

const RUN = 'b2e1d4c3f6a5b8079988776655443322';

function version(n: number, over: Partial<ModelVersionRecord>): ModelVersionRecord {
  return {
    version: n,
    creation_timestamp: 1000 + n,
    last_updated_timestamp: 1000 + n,
    current_stage: 'None',
    description: '',
    source: 's3://bucket/model',
    storage_location: 's3://bucket/model',
    run_id: '',
    run_link: '',
    status: 'READY',
    tags: {},
    deleted: false,
    ...over,
  };
}

function model(name: string, updated: number, tags: Record<string, string>, versions: ModelVersionRecord[]): RegisteredModelRecord {
  return { name, creation_timestamp: 1, last_updated_timestamp: updated, description: '', tags, aliases: {}, versions };
}

function fixture(): RegisteredModelRecord[] {
  return [
    model('other-model', 2000, { k: 'w' }, []),
    model('conf-model', 4000, { k: 'v' }, [
      version(1, { current_stage: 'Archived', source: `runs:/${RUN}/model`, run_id: RUN, tags: { vk: 'vv' }, description: 'new' }),
      version(2, { current_stage: 'Production', source: `mlflow-artifacts:/1/${RUN}/artifacts/model`, run_id: RUN }),
      version(3, { current_stage: 'Staging' }),
      version(4, { deleted: true, last_updated_timestamp: 9999 }),
    ]),
    model('conf-model-b', 3000, {}, [version(1, { source: 'models:/conf-model/2', last_updated_timestamp: 500 })]),
    model('my-prompt', 5000, { 'mlflow.prompt.is_prompt': 'true' }, [
      version(1, { tags: { 'mlflow.prompt.is_prompt': 'true' } }),
    ]),
  ];
}

const refs = (models = fixture()): VersionRef[] => models.flatMap((m) => m.versions.map((v) => ({ model: m, version: v })));
const rm = (q: Partial<Parameters<typeof searchRegisteredModels>[1]>) =>
  searchRegisteredModels(fixture(), { maxResults: 100, ...q }).items.map((m) => m.name);
const mv = (q: Partial<Parameters<typeof searchModelVersions>[1]>) =>
  searchModelVersions(refs(), { maxResults: 200000, ...q }).items.map((r) => `${r.model.name}:${r.version.version}`);

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('searchRegisteredModels', () => {
  it.each([
    [{}, ['conf-model', 'conf-model-b', 'other-model']],
    [{ filter: "name LIKE 'conf-model%'" }, ['conf-model', 'conf-model-b']],
    [{ filter: "tags.k = 'v'" }, ['conf-model']],
    [{ orderBy: ['name DESC'] }, ['other-model', 'conf-model-b', 'conf-model']],
    [{ orderBy: ['last_updated_timestamp DESC'] }, ['conf-model', 'conf-model-b', 'other-model']],
    [{ orderBy: ['timestamp'] }, ['other-model', 'conf-model-b', 'conf-model']],
    [{ filter: "tags.`mlflow.prompt.is_prompt` = 'true'" }, ['my-prompt']],
    [{ filter: "tags.`mlflow.prompt.is_prompt` != 'true'" }, ['conf-model', 'conf-model-b', 'other-model']],
  ])('%j', (q, expected) => {
    expect(rm(q)).toEqual(expected);
  });

  it('pages with a token only when more rows exist', () => {
    const p1 = searchRegisteredModels(fixture(), { maxResults: 2 });
    expect([p1.items.map((m) => m.name), p1.nextPageToken]).toEqual([['conf-model', 'conf-model-b'], encodePageToken(2)]);
    const p2 = searchRegisteredModels(fixture(), { maxResults: 2, pageToken: p1.nextPageToken });
    expect([p2.items.map((m) => m.name), p2.nextPageToken]).toEqual([['other-model'], undefined]);
  });

  it.each([
    [{ filter: 'version = 1' }, 'Invalid clause(s) in filter string: version, =, 1'],
    [{ orderBy: ['creation_timestamp ASC'] }, "Invalid order by key 'creation_timestamp' specified. Valid keys are '{'name', 'timestamp'}'"],
    [{ filter: "name > 'x'" }, 'Invalid comparator for attribute: >'],
    [{ filter: 'tags.k = 1' }, "Expected a quoted string value for tag (e.g. 'my-value'). Got value 1"],
    [{ maxResults: 1001 }, 'Invalid value for request parameter max_results. It must be at most 1000, but got value 1001'],
  ])('rejects %j', (q, message) => {
    expect(messageOf(() => rm(q))).toBe(message);
  });
});

describe('searchModelVersions', () => {
  it.each([
    [{ filter: "name = 'conf-model'" }, ['conf-model:3', 'conf-model:2', 'conf-model:1']],
    [{ filter: `run_id = '${RUN}'`, maxResults: 10 }, ['conf-model:2', 'conf-model:1']],
    [{ filter: "name = 'conf-model' AND version_number >= 2" }, ['conf-model:3', 'conf-model:2']],
    [{ filter: "version_number = '2'" }, ['conf-model:2']],
    [{ filter: "source_path LIKE 'models:/%'" }, ['conf-model-b:1']],
    [{ filter: `run_id IN ('${RUN}', 'nope')`, orderBy: ['version_number'] }, ['conf-model:1', 'conf-model:2']],
    [{ filter: "tags.vk = 'vv'" }, ['conf-model:1']],
    [{}, ['conf-model:3', 'conf-model:2', 'conf-model:1', 'conf-model-b:1']],
    [{ orderBy: ['name'] }, ['conf-model:3', 'conf-model:2', 'conf-model:1', 'conf-model-b:1']],
    [{ filter: "tags.`mlflow.prompt.is_prompt` = 'true'" }, ['my-prompt:1']],
  ])('%j', (q, expected) => {
    expect(mv(q)).toEqual(expected);
  });

  it('pages with a token only when more rows exist', () => {
    const q = { filter: "name = 'conf-model'", maxResults: 2, orderBy: ['version_number ASC'] };
    const p1 = searchModelVersions(refs(), q);
    expect(p1.items.map((r) => r.version.version)).toEqual([1, 2]);
    const p2 = searchModelVersions(refs(), { ...q, pageToken: p1.nextPageToken });
    expect([p2.items.map((r) => r.version.version), p2.nextPageToken]).toEqual([[3], undefined]);
  });

  it.each([
    [{ filter: 'foo = 1' }, "Invalid attribute key 'foo' specified. Valid keys are '{'name', 'run_id', 'source_path', 'version_number'}'"],
    [{ filter: "name IN ('a')" }, "Only the 'run_id' attribute supports comparison with a list of quoted string values."],
    [{ filter: "version_number LIKE '1'" }, 'Invalid comparator for attribute version_number: LIKE'],
    [{ filter: "run_id NOT IN ('a')" }, 'Invalid comparator for attribute: NOT IN'],
    [{ orderBy: ['tags.x'] }, "Invalid order by key 'x' specified. Valid keys are {'creation_timestamp', 'last_updated_timestamp', 'name', 'version_number'}"],
    [{ maxResults: 0 }, 'Invalid value for max_results. It must be a positive integer, but got 0'],
    [{ maxResults: 200001 }, 'Invalid value for request parameter max_results. It must be at most 200000, but got value 200001'],
  ])('rejects %j', (q, message) => {
    expect(messageOf(() => mv(q))).toBe(message);
  });
});
