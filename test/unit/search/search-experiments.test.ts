/** search-experiments against the experiments of the conformance recording (steps search-exp-*). */
import { describe, expect, it } from '@jest/globals';
import { encodePageToken, searchExperiments } from '../../../src/mlflow/search/index.js';
import type { ExperimentRecord } from '../../../src/store/schema.js';

const NAMES = ['Default', 'conf-exp', 'conf-exp2-renamed', 'conf-bad-loc', 'conf-charset', 'conf-json-string', 'conf-extra', 'conf-del'];

function fixture(deleted: string[] = []): ExperimentRecord[] {
  return NAMES.map((name, i): ExperimentRecord => ({
    experiment_id: String(i),
    name,
    artifact_location: `mlflow-artifacts:/${i}`,
    lifecycle_stage: deleted.includes(name) ? 'deleted' : 'active',
    creation_time: 1700000000000 + i * 10,
    last_update_time: 1700000000000 + i * 10,
    tags: name === 'conf-exp' ? { t: '1', team: 'core' } : ({} as Record<string, string>),
  }));
}

type Query = Parameters<typeof searchExperiments>[1];
const names = (q: Query, exps = fixture()) => searchExperiments(exps, q).items.map((e) => e.name);

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect((e as { status: number }).status).toBe(400);
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('searchExperiments', () => {
  it('orders by creation_time DESC by default', () => {
    expect(names({ maxResults: 100 })).toEqual([
      'conf-del', 'conf-extra', 'conf-json-string', 'conf-charset', 'conf-bad-loc', 'conf-exp2-renamed', 'conf-exp', 'Default',
    ]);
  });

  it.each([
    ["name LIKE 'conf%' AND tags.t = '1'", ['conf-exp']],
    ["name = 'conf-exp'", ['conf-exp']],
    ["name ILIKE 'CONF-EXP%'", ['conf-exp2-renamed', 'conf-exp']],
    ["tags.team != 'x'", ['conf-exp']],
    ['creation_time <= 1700000000010', ['conf-exp', 'Default']],
  ])('filters %s', (filter, expected) => {
    expect(names({ filter, maxResults: 10 })).toEqual(expected);
  });

  it('orders by name in binary order, with experiment_id DESC as the tie-break', () => {
    expect(names({ maxResults: 100, orderBy: ['name ASC'] })).toEqual([
      'Default', 'conf-bad-loc', 'conf-charset', 'conf-del', 'conf-exp', 'conf-exp2-renamed', 'conf-extra', 'conf-json-string',
    ]);
    const twins = fixture().map((e) => ({ ...e, creation_time: 1 }));
    expect(searchExperiments(twins, { maxResults: 3, orderBy: ['creation_time'] }).items.map((e) => e.experiment_id)).toEqual(['7', '6', '5']);
    expect(searchExperiments(twins, { maxResults: 3 }).items.map((e) => e.experiment_id)).toEqual(['0', '1', '2']);
  });

  it('pages with a token only when more rows exist', () => {
    const q = { filter: "name LIKE 'conf%'", maxResults: 2, orderBy: ['name ASC'] };
    const p1 = searchExperiments(fixture(), q);
    expect([p1.items.map((e) => e.name), p1.nextPageToken]).toEqual([['conf-bad-loc', 'conf-charset'], encodePageToken(2)]);
    const p2 = searchExperiments(fixture(), { ...q, pageToken: p1.nextPageToken });
    expect(p2.items.map((e) => e.name)).toEqual(['conf-del', 'conf-exp']);
    const p3 = searchExperiments(fixture(), { ...q, pageToken: p2.nextPageToken });
    expect([p3.items.map((e) => e.name), p3.nextPageToken]).toEqual([['conf-exp2-renamed', 'conf-extra'], encodePageToken(6)]);
    const p4 = searchExperiments(fixture(), { ...q, pageToken: p3.nextPageToken });
    expect(p4).toEqual({ items: [fixture()[5]], nextPageToken: undefined });
  });

  it('selects by view type', () => {
    const exps = fixture(['conf-extra']);
    expect(names({ viewType: 'DELETED_ONLY', maxResults: 10 }, exps)).toEqual(['conf-extra']);
    expect(names({ viewType: 'ALL', filter: "name LIKE 'conf-e%'", maxResults: 10 }, exps)).toEqual([
      'conf-extra', 'conf-exp2-renamed', 'conf-exp',
    ]);
    expect(names({ filter: "name = 'conf-extra'", maxResults: 10 }, exps)).toEqual([]);
  });

  it.each([
    [{ filter: "name = 'conf-exp'" }, "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer"],
    [{ maxResults: 0 }, "Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer"],
    [{ maxResults: -3 }, "Invalid value -3 for parameter 'max_results' supplied. It must be a positive integer"],
    [{ maxResults: 50001 }, "Invalid value 50001 for parameter 'max_results' supplied. It must be at most 50000"],
    [{ maxResults: 10, filter: 'name = conf' }, 'Parameter value is either not quoted or unidentified quote types used for string value conf. Use either single or double quotes.'],
    [{ maxResults: 10, pageToken: 'garbage' }, 'Invalid page token, could not base64-decode'],
    [{ maxResults: 10, filter: "name like 'x'" }, "Invalid comparator 'like' not one of '{'!=', '=', 'ILIKE', 'IN', 'LIKE', 'NOT IN'}'"],
    [{ maxResults: 10, filter: "name = 'a' OR name = 'b'" }, 'Invalid clause(s) in filter string: OR'],
    [{ maxResults: 10, filter: "metrics.x = 1" }, "Invalid entity type 'metrics'. Valid entity types are ('attribute', 'tag', 'tags')"],
  ])('rejects %j', (q, message) => {
    expect(messageOf(() => searchExperiments(fixture(), q))).toBe(message);
  });

  it('prints Python sets in the recorded messages', () => {
    expect(messageOf(() => searchExperiments(fixture(), { maxResults: 10, filter: "name ~ 'x'" }))).toMatch(
      /^Invalid comparator '~' not one of '\{(?:'(?:NOT IN|ILIKE|LIKE|IN|!=|=)'(?:, )?){6}\}'$/,
    );
    expect(messageOf(() => searchExperiments(fixture(), { maxResults: 10, orderBy: ['artifact_location'] }))).toMatch(
      /^Invalid attribute key 'artifact_location' specified\. Valid keys are '\{(?:'(?:last_update_time|creation_time|experiment_id|name)'(?:, )?){4}\}'$/,
    );
  });
});
