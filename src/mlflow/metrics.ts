import type { Deps } from '../context.js';
import { invalidParameter } from '../errors/api-error.js';
import { pyFloat } from '../errors/python-text.js';
import type { EmulatorState, MetricPoint, RunRecord } from '../store/schema.js';
import { jsonPath } from './params-tags.js';
import { MAX_DOUBLE } from './proto-json.js';
import { metricJson } from './run-json.js';
import { requireActiveRun } from './runs.js';
import { getOwn, setOwn } from './own-keys.js';
import { decodePageToken, encodePageToken } from './search/index.js';
import { invalidValue, MAX_ENTITY_KEY_LENGTH, validateEntityKey, validateLength } from './validation.js';

/** One metric as a request carries it (after proto parsing: unset step is 0). */
export interface MetricInput {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  model_id?: string;
  dataset_name?: string;
  dataset_digest?: string;
}


/** MLflow's `_validate_metric` (path `metrics[i]` inside a batch, none for log-metric). */
export function validateMetric(m: MetricInput, path = ''): void {
  validateEntityKey(m.key, jsonPath(path, 'name'));
  if (!(m.timestamp >= 0)) {
    throw invalidValue(
      jsonPath(path, 'timestamp'),
      m.timestamp,
      `metric '${m.key}' (value=${pyFloat(m.value)}). Timestamp must be a nonnegative long (64-bit integer) `,
    );
  }
  validateLength('Metric name', MAX_ENTITY_KEY_LENGTH, m.key);
}

/** NaN is stored as 0 with `is_nan`; ±Infinity as ±the largest double (what MLflow's SQL store does). */
export function toPoint(m: MetricInput): MetricPoint {
  const point: MetricPoint = { value: m.value, timestamp: m.timestamp, step: m.step };
  if (Number.isNaN(m.value)) {
    point.value = 0;
    point.is_nan = true;
  } else if (!Number.isFinite(m.value)) {
    point.value = m.value > 0 ? MAX_DOUBLE : -MAX_DOUBLE;
  }
  if (m.model_id) point.model_id = m.model_id;
  if (m.dataset_name) point.dataset_name = m.dataset_name;
  if (m.dataset_digest) point.dataset_digest = m.dataset_digest;
  return point;
}

/** A point's identity in MLflow's metrics table: (value, is_nan, timestamp, step) for its key. */
const pointId = (p: MetricPoint) => `${p.value}|${Boolean(p.is_nan)}|${p.timestamp}|${p.step}`;

/** Point identities of each stored history, built once per array and kept beside it (not persisted). */
const historyIndexes = new WeakMap<MetricPoint[], Map<string, MetricPoint>>();

function indexOf(points: MetricPoint[]): Map<string, MetricPoint> {
  let index = historyIndexes.get(points);
  if (!index) {
    index = new Map(points.map((p) => [pointId(p), p]));
    historyIndexes.set(points, index);
  }
  return index;
}

/** Appends validated metrics to a run; a point equal to a stored one (same key, value, timestamp, step) is not stored again. */
export function appendMetrics(run: RunRecord, metrics: MetricInput[]): void {
  for (const m of metrics) {
    const point = toPoint(m);
    let points = getOwn(run.metrics, m.key);
    if (!points) {
      points = [];
      setOwn(run.metrics, m.key, points);
    }
    const index = indexOf(points);
    const id = pointId(point);
    const same = index.get(id);
    if (!same) {
      points.push(point);
      index.set(id, point);
    } else if (point.model_id && !same.model_id) {
      // The run keeps one copy; a model id sent with the copy still links the point to that logged model.
      Object.assign(same, point);
    }
  }
}

export async function logMetric(deps: Deps, runId: string, metric: MetricInput): Promise<void> {
  validateMetric(metric);
  await deps.store.update((state) => {
    appendMetrics(requireActiveRun(state, runId), [metric]);
  });
}

/** History order: (timestamp, step, value) ascending. */
function byTimestampStepValue(a: MetricPoint, b: MetricPoint): number {
  return a.timestamp - b.timestamp || a.step - b.step || a.value - b.value;
}

function byStepTimestampValue(a: MetricPoint, b: MetricPoint): number {
  return a.step - b.step || a.timestamp - b.timestamp || a.value - b.value;
}

function history(state: EmulatorState, runId: string, key: string): MetricPoint[] {
  const run = getOwn(state.runs, runId);
  return [...((run && getOwn(run.metrics, key)) ?? [])];
}

/**
 * Every point of a metric, ordered by (timestamp, step, value); an unknown run or key gives none.
 * With `maxResults` the answer is paged (`next_page_token` only when more points remain); without it
 * (or with 0) the whole history is answered, as MLflow 2.x did (3.6 answers an empty page there).
 */
export function getMetricHistory(state: EmulatorState, runId: string, key: string, maxResults?: number, pageToken?: string) {
  const offset = decodePageToken(pageToken);
  const all = history(state, runId, key).sort(byTimestampStepValue).slice(Math.max(0, offset));
  const limit = maxResults && maxResults > 0 ? maxResults : undefined;
  const page = limit === undefined ? all : all.slice(0, limit);
  const next = limit !== undefined && all.length > limit ? encodePageToken(offset + limit) : undefined;
  return { metrics: page.map((p) => metricJson(key, p)), next_page_token: next };
}

export const MAX_RESULTS_PER_RUN = 2500;
export const MAX_RUNS_PER_BULK_REQUEST = 100;
const MAX_RESULTS_GET_METRIC_HISTORY = 25000;

/** MLflow's `_get_sampled_steps_from_steps` (`allSteps` sorted ascending). */
function sampleSteps(start: number, end: number, maxResults: number, allSteps: number[]): Set<number> {
  const startIdx = allSteps.findIndex((s) => s >= start);
  const from = startIdx < 0 ? allSteps.length : startIdx;
  let to = allSteps.length;
  while (to > 0 && allSteps[to - 1] > end) to -= 1;
  if (to - from <= maxResults) return new Set(allSteps.slice(from, to));
  const count = to - from;
  const interval = count / maxResults;
  const sampled: number[] = [];
  for (let i = 0; i < maxResults; i += 1) {
    const idx = from + Math.floor(i * interval);
    if (idx < count) sampled.push(allSteps[idx]);
  }
  sampled.push(allSteps[to - 1]);
  return new Set(sampled);
}

export interface BulkIntervalInput {
  runIds: string[];
  key: string;
  startStep?: number;
  endStep?: number;
  maxResults?: number;
}

/**
 * get-history-bulk-interval: the union of the runs' steps within [start, end] (default 0..max),
 * thinned to `maxResults` evenly spaced steps plus each run's first and last step; every point at
 * those steps, run by run (in request order), then by step, timestamp and value.
 */
export function getMetricHistoryBulkInterval(state: EmulatorState, input: BulkIntervalInput) {
  if (input.runIds.length > MAX_RUNS_PER_BULK_REQUEST) {
    throw invalidParameter(
      `GetMetricHistoryBulkInterval request must specify at most ${MAX_RUNS_PER_BULK_REQUEST} run_ids. Received ${input.runIds.length} run_ids. See the API docs for more information about request parameters.`,
    );
  }
  const maxResults = input.maxResults ?? MAX_RESULTS_PER_RUN;
  if (maxResults < 1 || maxResults > MAX_RESULTS_PER_RUN) {
    throw invalidParameter(
      `max_results must be between 1 and ${MAX_RESULTS_PER_RUN}. See the API docs for more information about request parameters.`,
    );
  }
  let { startStep: start, endStep: end } = input;
  if (start !== undefined && end !== undefined) {
    if (start > end) {
      throw invalidParameter(`end_step must be greater than start_step. Found start_step=${start} and end_step=${end}.`);
    }
  } else if (start !== undefined || end !== undefined) {
    throw invalidParameter('If either start step or end step are specified, both must be specified.');
  }
  const histories = input.runIds.map((id) => history(state, id, input.key));
  const allSteps = [...new Set(histories.flatMap((h) => h.map((p) => p.step)))].sort((a, b) => a - b);
  if (start === undefined || end === undefined) {
    start = 0;
    end = allSteps.length ? allSteps[allSteps.length - 1] : 0;
  }
  const lo = start;
  const hi = end;
  const steps = sampleSteps(lo, hi, maxResults, allSteps);
  for (const h of histories) {
    if (!h.length) continue;
    const first = h.reduce((m, p) => Math.min(m, p.step), Infinity);
    const last = h.reduce((m, p) => Math.max(m, p.step), -Infinity);
    for (const s of [first, last]) if (s >= lo && s <= hi) steps.add(s);
  }
  const metrics = input.runIds.flatMap((runId, i) =>
    histories[i]
      .filter((p) => steps.has(p.step))
      .sort(byStepTimestampValue)
      .slice(0, MAX_RESULTS_GET_METRIC_HISTORY)
      .map((p) => ({ ...metricJson(input.key, p), run_id: runId })),
  );
  return { metrics };
}
