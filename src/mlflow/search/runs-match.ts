/** How the SQL tracking store evaluates a parsed search-runs clause and an order_by key on one run. */
import type { DatasetRecord, RunRecord } from '../../store/schema.js';
import { latestPoint } from '../metrics-latest.js';
import { compareNumber, compareString } from './comparators.js';
import type { Clause } from './filter-parser.js';
import { RUN_NUMERIC_ATTRIBUTES, translateKeyAlias } from './runs-filter.js';

const RUN_NAME_TAG = 'mlflow.runName';
const DATASET_CONTEXT_TAG = 'mlflow.data.context';

/** The latest value of a metric as the `latest_metrics` table holds it (NaN stored as 0). */
function latestMetric(run: RunRecord, key: string): { value: number; isNan: boolean } | undefined {
  const point = latestPoint(run.metrics[key] ?? []);
  if (!point) return undefined;
  return { value: point.is_nan ? 0 : point.value, isNan: point.is_nan === true };
}

function stringAttribute(run: RunRecord, key: string): string | null {
  switch (key) {
    case 'run_id':
      return run.run_id;
    case 'user_id':
      return run.user_id;
    case 'status':
      return run.status;
    case 'artifact_uri':
      return run.artifact_uri;
    case 'run_name':
      return run.run_name;
    default:
      return null;
  }
}

/** Whether `run` satisfies one clause. A run without the compared value never matches. */
export function runMatches(run: RunRecord, datasets: Record<string, DatasetRecord>, clause: Clause): boolean {
  const key = translateKeyAlias(clause.key);
  const { comparator, value } = clause;
  switch (clause.type) {
    case 'metric': {
      const latest = latestMetric(run, key);
      return latest !== undefined && compareNumber(latest.value, comparator, Number(value));
    }
    case 'parameter':
    case 'tag': {
      const lhs = clause.type === 'tag' ? run.tags[key] : run.params[key];
      return lhs !== undefined && compareString(lhs, comparator, value as string);
    }
    case 'attribute': {
      if (RUN_NUMERIC_ATTRIBUTES.includes(key)) {
        const lhs = key === 'end_time' ? run.end_time : run.start_time;
        return lhs !== null && lhs !== undefined && compareNumber(lhs, comparator, Number(value));
      }
      // the store compares run_name against the mlflow.runName tag
      const lhs = key === 'run_name' ? run.tags[RUN_NAME_TAG] : stringAttribute(run, key);
      return lhs !== undefined && lhs !== null && compareString(lhs, comparator, value as string[] | string);
    }
    case 'dataset':
      return run.dataset_inputs.some((input) => {
        if (key === 'context') {
          return input.tags.some(
            (t) => t.key === DATASET_CONTEXT_TAG && compareString(t.value, comparator, value as string[] | string),
          );
        }
        const dataset = datasets[input.dataset_id];
        const lhs = dataset?.[key as 'name' | 'digest'];
        return lhs !== undefined && compareString(lhs, comparator, value as string[] | string);
      });
    default:
      return false;
  }
}

export type SortValue = { rank: number; value: number | string | null };

/**
 * The SQL store's sort columns for one order_by key: a rank (0 = has a value; metrics: 1 = NaN,
 * 2 = missing; others: 1 = missing) that always sorts ascending, then the value.
 */
export function runSortValue(run: RunRecord, type: string, key: string): SortValue {
  if (type === 'metric') {
    const latest = latestMetric(run, key);
    if (!latest) return { rank: 2, value: null };
    return { rank: latest.isNan ? 1 : 0, value: latest.value };
  }
  let value: number | string | null | undefined;
  if (type === 'parameter') value = run.params[key];
  else if (type === 'tag') value = run.tags[key];
  else if (key === 'start_time') value = run.start_time;
  else if (key === 'end_time') value = run.end_time;
  else value = stringAttribute(run, key);
  return value === undefined || value === null ? { rank: 1, value: null } : { rank: 0, value };
}
