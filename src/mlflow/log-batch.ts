import { pyRepr } from '../errors/python-text.js';
import type { OpenAPIV3 } from 'openapi-types';
import type { Deps } from '../context.js';
import { invalidParameter, missingParameter } from '../errors/api-error.js';
import { coerceValue, ProtoParseError } from '../spec/proto-coerce.js';
import { appendMetrics, validateMetric, type MetricInput } from './metrics.js';
import { applyRunTag, validateParam, validateRunTag, type KeyValueInput } from './params-tags.js';
import { requireActiveRun } from './runs.js';
import { getOwn, setOwn } from './own-keys.js';
import { validateRunIdFormat } from './validation.js';

export const MAX_BATCH_LOG_REQUEST_SIZE = 1_000_000;
export const MAX_METRICS_PER_BATCH = 1000;
export const MAX_PARAMS_TAGS_PER_BATCH = 100;
export const MAX_ENTITIES_PER_BATCH = 1000;

/** MLflow's `_validate_batch_log_api_req`: the JSON body may be at most 1,000,000 bytes. */
export function checkBatchRequestSize(rawBody: string | undefined): void {
  const size = Buffer.byteLength(rawBody ?? '', 'utf8');
  if (size > MAX_BATCH_LOG_REQUEST_SIZE) {
    throw invalidParameter(
      `Batched logging API requests must be at most ${MAX_BATCH_LOG_REQUEST_SIZE} bytes, got a request of size ${size}.`,
    );
  }
}

/** The request JSON as the router read it (a JSON string holding JSON is decoded twice; anything else is `{}`). */
export function requestJson(rawBody: string | undefined): Record<string, unknown> {
  const parse = (text: string): unknown => {
    try {
      return text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      return undefined;
    }
  };
  let json = parse(rawBody ?? '');
  if (typeof json === 'string') json = parse(json);
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

type Schema = OpenAPIV3.SchemaObject;
const STRING: Schema = { type: 'string' };
const INT64: Schema = { type: 'integer' };
const DOUBLE: Schema = { type: 'number' };

/** Proto parsing of one item field: a value that does not parse is left unset. */
function field(item: Record<string, unknown>, name: string, schema: Schema): unknown {
  try {
    return coerceValue(schema, item[name], (s) => s as Schema, false);
  } catch (err) {
    if (err instanceof ProtoParseError) return undefined;
    throw err;
  }
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** The handler's `_assert_*_fields_present`: each listed field of each item must be present and non-empty. */
function requireItemFields(list: unknown, name: string, required: string[]): Record<string, unknown>[] {
  if (!Array.isArray(list)) return [];
  return list.map((item, idx) => {
    const obj = item && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
    for (const f of required) if (isMissing(obj[f])) throw missingParameter(`${name}[${idx}].${f}`);
    return obj;
  });
}

export interface BatchInput {
  metrics: MetricInput[];
  params: KeyValueInput[];
  tags: KeyValueInput[];
}

/**
 * Reads the batch lists from the raw request JSON, as MLflow's handler does: presence checks on the
 * raw items (`metrics[0].timestamp`...), then proto parsing where a field that does not parse is left
 * at its default (the real server parses up to the first bad field and leaves the rest unset).
 */
export function readBatch(raw: Record<string, unknown>): BatchInput {
  const metrics = requireItemFields(raw.metrics, 'metrics', ['key', 'value', 'timestamp']);
  const params = requireItemFields(raw.params, 'params', ['key']);
  const tags = requireItemFields(raw.tags, 'tags', ['key']);
  const str = (item: Record<string, unknown>, name: string) => (field(item, name, STRING) as string | undefined) ?? '';
  return {
    metrics: metrics.map((m) => {
      const metric: MetricInput = {
        key: str(m, 'key'),
        value: (field(m, 'value', DOUBLE) as number | undefined) ?? 0,
        timestamp: (field(m, 'timestamp', INT64) as number | undefined) ?? 0,
        step: (field(m, 'step', INT64) as number | undefined) ?? 0,
      };
      for (const extra of ['model_id', 'dataset_name', 'dataset_digest'] as const) {
        const v = str(m, extra);
        if (v) metric[extra] = v;
      }
      return metric;
    }),
    params: params.map((p) => ({ key: str(p, 'key'), value: str(p, 'value') })),
    tags: tags.map((t) => ({ key: str(t, 'key'), value: str(t, 'value') })),
  };
}

function checkLimit(entity: string, limit: number, length: number): void {
  if (length > limit) {
    throw invalidParameter(
      `A batch logging request can contain at most ${limit} ${entity}. Got ${length} ${entity}. Please split up ${entity} across multiple requests and try again.`,
    );
  }
}

/**
 * MLflow's `log_batch`: run id format, every item's checks (params truncated to 6000, tags to 8000),
 * the batch limits, duplicate param keys; then, on an active run, params (none may change), metrics
 * (exact duplicates ignored) and tags (`mlflow.runName` renames the run). All or nothing.
 */
export async function logBatch(deps: Deps, runId: string, batch: BatchInput): Promise<void> {
  validateRunIdFormat(runId);
  batch.metrics.forEach((m, i) => validateMetric(m, `metrics[${i}]`));
  const params = batch.params.map((p, i) => validateParam(p.key, p.value, `params[${i}]`));
  const tags = batch.tags.map((t, i) => validateRunTag(t.key, t.value, `tags[${i}]`));
  checkLimit('metrics', MAX_METRICS_PER_BATCH, batch.metrics.length);
  checkLimit('params', MAX_PARAMS_TAGS_PER_BATCH, params.length);
  checkLimit('tags', MAX_PARAMS_TAGS_PER_BATCH, tags.length);
  checkLimit('metrics, params, and tags', MAX_ENTITIES_PER_BATCH, batch.metrics.length + params.length + tags.length);
  const seen = new Set<string>();
  const dupes: string[] = [];
  for (const p of params) {
    if (seen.has(p.key)) dupes.push(p.key);
    seen.add(p.key);
  }
  if (dupes.length) {
    throw invalidParameter(
      `Duplicate parameter keys have been submitted: ${pyRepr(dupes)}. Please ensure the request contains only one param value per param key.`,
    );
  }
  await deps.store.update((state) => {
    const run = requireActiveRun(state, runId);
    const changed = params
      .filter((p) => getOwn(run.params, p.key) !== undefined && getOwn(run.params, p.key) !== p.value)
      .map((p) => ({ key: p.key, old_value: getOwn(run.params, p.key), new_value: p.value }));
    if (changed.length) {
      throw invalidParameter(
        `Changing param values is not allowed. Params were already logged='${pyRepr(changed)}' for run ID='${runId}'.`,
      );
    }
    for (const p of params) setOwn(run.params, p.key, p.value);
    appendMetrics(run, batch.metrics);
    for (const t of tags) applyRunTag(run, t);
  });
}
