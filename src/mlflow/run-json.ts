import type { EmulatorState, MetricPoint, RunRecord } from '../store/schema.js';
import { latestPoint } from './metrics-latest.js';
import { compact, keyValueList, metricValueJson } from './proto-json.js';

/** Shaping runs the way MLflow's `Run.to_proto()` answers look. */

/** A stored metric point as a `Metric` message (`model_id` and dataset fields are not returned). */
export function metricJson(key: string, point: MetricPoint) {
  return { key, value: metricValueJson(point.value, point.is_nan), timestamp: point.timestamp, step: point.step };
}

/** `RunInfo`: `run_uuid` mirrors `run_id`; `end_time` is left out until it is set. */
export function runInfoJson(run: RunRecord) {
  return compact({
    run_id: run.run_id,
    run_uuid: run.run_id,
    run_name: run.run_name,
    experiment_id: run.experiment_id,
    user_id: run.user_id,
    status: run.status,
    start_time: run.start_time,
    end_time: run.end_time ?? undefined,
    artifact_uri: run.artifact_uri,
    lifecycle_stage: run.lifecycle_stage,
  });
}

/** `RunData`: the latest point of every metric key, params and tags; empty lists are left out. */
export function runDataJson(run: RunRecord) {
  const metrics = Object.entries(run.metrics).flatMap(([key, points]) => {
    const latest = latestPoint(points);
    return latest ? [metricJson(key, latest)] : [];
  });
  return compact({ metrics, params: keyValueList(run.params), tags: keyValueList(run.tags) });
}

/** `RunInputs`: dataset inputs (with their link tags) and logged-model inputs; `{}` when none. */
export function runInputsJson(state: EmulatorState, run: RunRecord) {
  const datasetInputs = run.dataset_inputs.flatMap((input) => {
    const d = state.datasets[input.dataset_id];
    if (!d) return [];
    const dataset = compact({
      name: d.name,
      digest: d.digest,
      source_type: d.source_type,
      source: d.source,
      schema: d.schema || undefined,
      profile: d.profile || undefined,
    });
    return [compact({ tags: input.tags.map((t) => ({ key: t.key, value: t.value })), dataset })];
  });
  return compact({ dataset_inputs: datasetInputs, model_inputs: run.model_inputs.map((model_id) => ({ model_id })) });
}

/** `RunOutputs`: the logged models the run produced. */
export function runOutputsJson(run: RunRecord) {
  return compact({ model_outputs: run.model_outputs.map((o) => ({ model_id: o.model_id, step: o.step })) });
}

/**
 * A `Run`. `inputs` is always there (`{}` when empty); `outputs` is there on get and search but
 * not in the answer of runs/create.
 */
export function runJson(state: EmulatorState, run: RunRecord, options: { outputs: boolean }) {
  const body: Record<string, unknown> = {
    info: runInfoJson(run),
    data: runDataJson(run),
    inputs: runInputsJson(state, run),
  };
  if (options.outputs) body.outputs = runOutputsJson(run);
  return body;
}
