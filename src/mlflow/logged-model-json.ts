import type { EmulatorState, LoggedModelRecord } from '../store/schema.js';
import { compact, keyValueList, metricValueJson } from './proto-json.js';

/** Shaping logged models the way MLflow's `LoggedModel.to_proto()` answers look. */

export interface LoggedModelMetricJson {
  key: string;
  value: number | string;
  timestamp: number;
  step: number;
  model_id: string;
  run_id: string;
  dataset_name?: string;
  dataset_digest?: string;
}

/**
 * The metrics logged with this `model_id` (runs/log-metric and log-batch store them on the run), in
 * the order logged; points equal in (key, timestamp, step, run) count once, as the SQL key makes them.
 */
export function loggedModelMetrics(state: EmulatorState, modelId: string): LoggedModelMetricJson[] {
  const out: LoggedModelMetricJson[] = [];
  const seen = new Set<string>();
  for (const run of Object.values(state.runs)) {
    for (const [key, points] of Object.entries(run.metrics)) {
      for (const p of points) {
        if (p.model_id !== modelId) continue;
        const id = JSON.stringify([key, p.timestamp, p.step, run.run_id]);
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(
          compact({
            key,
            value: metricValueJson(p.value, p.is_nan),
            timestamp: p.timestamp,
            step: p.step,
            model_id: modelId,
            run_id: run.run_id,
            dataset_name: p.dataset_name || undefined,
            dataset_digest: p.dataset_digest || undefined,
          }),
        );
      }
    }
  }
  return out;
}

/**
 * A `LoggedModel`: `info` (empty-string `model_type`/`source_run_id` are emitted, as the server stores
 * what the request's unset proto fields read as) and `data` (always there, `{}` when empty).
 */
export function loggedModelJson(state: EmulatorState, m: LoggedModelRecord) {
  return {
    info: compact({
      model_id: m.model_id,
      experiment_id: m.experiment_id,
      name: m.name,
      creation_timestamp_ms: m.creation_timestamp_ms,
      last_updated_timestamp_ms: m.last_updated_timestamp_ms,
      artifact_uri: m.artifact_uri,
      status: m.status,
      model_type: m.model_type,
      source_run_id: m.source_run_id,
      tags: keyValueList(m.tags),
    }),
    data: compact({
      params: keyValueList(m.params),
      metrics: loggedModelMetrics(state, m.model_id),
    }),
  };
}
