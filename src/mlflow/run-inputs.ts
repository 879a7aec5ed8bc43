import type { Deps } from '../context.js';
import { invalidParameter } from '../errors/api-error.js';
import type { DatasetRecord, EmulatorState } from '../store/schema.js';
import { pyRepr, pythonJsonDumps } from '../errors/python-text.js';
import type { KeyValue } from './proto-json.js';
import { applyRunTag, validateRunTag } from './params-tags.js';
import { requireActiveRun } from './runs.js';
import { getOwn } from './own-keys.js';
import { validateLength, validateRunIdFormat } from './validation.js';

export interface DatasetFields {
  name?: string;
  digest?: string;
  source_type?: string;
  source?: string;
  schema?: string;
  profile?: string;
}

export interface DatasetInputFields {
  tags?: Partial<KeyValue>[];
  dataset?: DatasetFields;
}

/** MLflow's `_validate_dataset` / `_validate_input_tag` size limits. */
function validateDatasetInput(input: DatasetInputFields): void {
  const d = input.dataset ?? {};
  validateLength('name', 500, d.name);
  validateLength('digest', 36, d.digest);
  validateLength('source', 65535, d.source);
  validateLength('schema', 1048575, d.schema);
  validateLength('profile', 16777215, d.profile);
  for (const t of input.tags ?? []) {
    validateLength('key', 255, t.key);
    validateLength('value', 500, t.value);
  }
}

function findDataset(state: EmulatorState, experimentId: string, name: string, digest: string): DatasetRecord | undefined {
  return Object.values(state.datasets).find((d) => d.experiment_id === experimentId && d.name === name && d.digest === digest);
}

/**
 * log-inputs: a dataset is identified by (experiment, name, digest) and reused across runs; the
 * input tags (e.g. `mlflow.data.context`) belong to the run–dataset link, which is made once (a
 * dataset already linked to the run is left as it is). Model inputs are appended.
 */
export async function logInputs(
  deps: Deps,
  runId: string,
  datasets: DatasetInputFields[] = [],
  models: { model_id?: string }[] = [],
): Promise<void> {
  validateRunIdFormat(runId);
  datasets.forEach(validateDatasetInput);
  await deps.store.update((state) => {
    const run = requireActiveRun(state, runId);
    const seen = new Set<string>();
    for (const input of datasets) {
      const d = input.dataset ?? {};
      const name = d.name ?? '';
      const digest = d.digest ?? '';
      const pair = JSON.stringify([name, digest]);
      if (seen.has(pair)) continue;
      seen.add(pair);
      let dataset = findDataset(state, run.experiment_id, name, digest);
      if (!dataset) {
        dataset = {
          dataset_id: deps.ids.hex32(),
          experiment_id: run.experiment_id,
          name,
          digest,
          source_type: d.source_type ?? '',
          source: d.source ?? '',
          ...(d.schema ? { schema: d.schema } : {}),
          ...(d.profile ? { profile: d.profile } : {}),
        };
        state.datasets[dataset.dataset_id] = dataset;
      }
      const datasetId = dataset.dataset_id;
      if (run.dataset_inputs.some((i) => i.dataset_id === datasetId)) continue;
      run.dataset_inputs.push({
        dataset_id: datasetId,
        tags: (input.tags ?? []).map((t) => ({ key: t.key ?? '', value: t.value ?? '' })),
      });
    }
    for (const m of models) run.model_inputs.push(m.model_id ?? '');
  });
}

/** Python's default `json.dumps` (", " and ": " separators, keys in their order, ASCII only). */

export const LOGGED_MODELS_TAG = 'mlflow.log-model.history';
const MODEL_JSON_FIELDS = ['artifact_path', 'flavors', 'utc_time_created', 'run_id'];
/** Keys MLflow's `Model.get_tags_dict()` leaves out of the history entry. */
const NOT_IN_HISTORY = new Set(['signature', 'input_example', 'saved_input_example_info']);

/** log-model (MLflow 2.x clients): appends the model dict to the JSON list in tag `mlflow.log-model.history`. */
export async function logModel(deps: Deps, runId: string, modelJson: string): Promise<void> {
  let model: unknown;
  try {
    model = JSON.parse(modelJson);
  } catch {
    throw invalidParameter(`Malformed model info. \n ${modelJson} \n is not a valid JSON.`);
  }
  const dict = model && typeof model === 'object' && !Array.isArray(model) ? (model as Record<string, unknown>) : {};
  const missing = MODEL_JSON_FIELDS.filter((f) => !Object.hasOwn(dict, f)).sort();
  if (missing.length) {
    throw invalidParameter(`Model json is missing mandatory fields: {${missing.map((f) => pyRepr(f)).join(', ')}}`);
  }
  const entry = Object.fromEntries(Object.entries(dict).filter(([k]) => !NOT_IN_HISTORY.has(k)));
  await deps.store.update((state) => {
    const run = requireActiveRun(state, runId);
    let history: unknown[] = [];
    const previous = getOwn(run.tags, LOGGED_MODELS_TAG);
    if (previous !== undefined) {
      try {
        const parsed: unknown = JSON.parse(previous);
        if (Array.isArray(parsed)) history = parsed;
      } catch {
        history = [];
      }
    }
    applyRunTag(run, validateRunTag(LOGGED_MODELS_TAG, pythonJsonDumps([...history, entry])));
  });
}
