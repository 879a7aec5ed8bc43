/** search-runs as the SQL tracking store runs it (`SqlAlchemyStore._search_runs`). */
import { invalidParameter } from '../../errors/api-error.js';
import type { DatasetRecord, RunRecord } from '../../store/schema.js';
import { compareValues } from './comparators.js';
import { duplicateOrderBy, parseOrderByString } from './order-by.js';
import { decodePageToken, pageFull } from './page-token.js';
import { RUN_ORDER_KEYS, checkRunComparator, parseRunFilter, runIdentifier, translateKeyAlias } from './runs-filter.js';
import { type SortValue, runMatches, runSortValue } from './runs-match.js';
import { type SearchPage, type ViewType, validateMaxResults, viewStages } from './types.js';

export interface RunOrderKey {
  type: string;
  key: string;
  ascending: boolean;
}

/** `_get_orderby_clauses`: the order_by keys, then `start_time DESC` unless given, then `run_id ASC`. */
export function parseRunOrderBy(orderBy: string[] | undefined): RunOrderKey[] {
  const keys: RunOrderKey[] = [];
  const seen = new Set<string>();
  for (const clause of orderBy ?? []) {
    const [value, ascending] = parseOrderByString(clause);
    const identifier = runIdentifier(value.trim(), RUN_ORDER_KEYS);
    const key = translateKeyAlias(identifier.key);
    if (identifier.type === 'dataset') throw invalidParameter(`Invalid identifier type '${identifier.type}'`);
    const id = `${identifier.type}\u0000${key}`;
    if (seen.has(id)) throw duplicateOrderBy(orderBy!);
    seen.add(id);
    keys.push({ type: identifier.type, key, ascending });
  }
  if (!seen.has('attribute\u0000start_time')) keys.push({ type: 'attribute', key: 'start_time', ascending: false });
  keys.push({ type: 'attribute', key: 'run_id', ascending: true });
  return keys;
}

function compareSortValues(a: SortValue, b: SortValue, ascending: boolean): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.value === null || b.value === null) return 0;
  const d = compareValues(a.value, b.value);
  return ascending ? d : -d;
}

/** Sort runs by parsed order keys (missing values last, NaN metrics after numbers). */
export function sortRuns(runs: RunRecord[], keys: RunOrderKey[]): RunRecord[] {
  const decorated = runs.map((run) => ({ run, values: keys.map((k) => runSortValue(run, k.type, k.key)) }));
  decorated.sort((x, y) => {
    for (let i = 0; i < keys.length; i++) {
      const d = compareSortValues(x.values[i], y.values[i], keys[i].ascending);
      if (d !== 0) return d;
    }
    return 0;
  });
  return decorated.map((d) => d.run);
}

/**
 * Search runs. `runs` must already be limited to the requested experiment ids. The store checks
 * max_results (1..50000), parses the filter, the order_by, checks comparators, then the page token.
 */
export function searchRuns(
  runs: RunRecord[],
  datasets: Record<string, DatasetRecord>,
  q: { filter?: string; orderBy?: string[]; maxResults: number; pageToken?: string; viewType?: ViewType },
): SearchPage<RunRecord> {
  validateMaxResults(q.maxResults, 50000);
  const clauses = parseRunFilter(q.filter);
  const order = parseRunOrderBy(q.orderBy);
  clauses.forEach(checkRunComparator);
  const offset = decodePageToken(q.pageToken);
  const stages = viewStages(q.viewType);
  const matching = runs.filter(
    (run) => stages.includes(run.lifecycle_stage) && clauses.every((c) => runMatches(run, datasets, c)),
  );
  return pageFull(sortRuns(matching, order), offset, q.maxResults);
}
