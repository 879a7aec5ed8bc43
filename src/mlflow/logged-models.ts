import { pyStr } from '../errors/python-text.js';
import type { Deps } from '../context.js';
import { invalidParameter, invalidValueForParameter, notFound } from '../errors/api-error.js';
import type { EmulatorState, LoggedModelRecord, LoggedModelStatus } from '../store/schema.js';
import { requireActiveExperiment } from './experiments.js';
import { loggedModelNotFound } from './model-version-source.js';
import type { KeyValue } from './proto-json.js';
import { getOwn, setOwn } from './own-keys.js';
import { randomRunName } from './run-names.js';
import { appendToUriPath } from './runs.js';

/** MLflow 3 logged models, as the SQL tracking store keeps them (`mlflow/store/tracking/sqlalchemy_store.py`). */


const BAD_NAME_CHARACTERS = ['/', ':', '.', '%', '"', "'"];

/** `_validate_logged_model_name`: an empty name means "make one up"; some characters are not allowed. */
export function validateLoggedModelName(name: string | undefined): void {
  if (!name) return;
  if (BAD_NAME_CHARACTERS.some((c) => name.includes(c))) {
    throw invalidParameter(
      `Invalid model name (${pyStr(name)}) provided. Model name must be a non-empty string and cannot contain the following characters: ('/', ':', '.', '%', '"', "'")`,
    );
  }
}

/** A live (not deleted) logged model, or MLflow's 404. */
export function getLoggedModel(state: EmulatorState, modelId: string): LoggedModelRecord {
  const model = getOwn(state.logged_models, modelId);
  if (!model || model.deleted) throw loggedModelNotFound(modelId);
  return model;
}

export interface CreateLoggedModelInput {
  experiment_id: string;
  name?: string;
  model_type?: string;
  source_run_id?: string;
  params?: Partial<KeyValue>[];
  tags?: Partial<KeyValue>[];
}

/** Params are immutable: the same value again is fine, another value is a 400 (as for run params). */
function putParams(model: LoggedModelRecord, params: Partial<KeyValue>[], into: Record<string, string>): void {
  for (const p of params) {
    const key = p.key ?? '';
    const value = p.value ?? '';
    const old = getOwn(into, key);
    if (old !== undefined && old !== value) {
      throw invalidParameter(
        `Changing param values is not allowed. Param with key='${key}' was already logged with value='${old}' for logged model ID '${model.model_id}'. Attempted logging new value '${value}'.`,
      );
    }
    setOwn(into, key, value);
  }
}

function requireKeys(list: Partial<KeyValue>[] | undefined, what: string): void {
  (list ?? []).forEach((item, i) => {
    if (!item.key) throw invalidParameter(`Missing value for required parameter '${what}[${i}].key'.`);
  });
}

export async function createLoggedModel(deps: Deps, input: CreateLoggedModelInput): Promise<LoggedModelRecord> {
  validateLoggedModelName(input.name);
  requireKeys(input.params, 'params');
  requireKeys(input.tags, 'tags');
  return deps.store.update((state) => {
    const exp = requireActiveExperiment(state, input.experiment_id);
    const modelId = `m-${deps.ids.hex32()}`;
    const now = deps.clock.now();
    const model: LoggedModelRecord = {
      model_id: modelId,
      experiment_id: exp.experiment_id,
      name: input.name || randomRunName(deps.ids),
      artifact_uri: appendToUriPath(exp.artifact_location, 'models', modelId, 'artifacts'),
      status: 'LOGGED_MODEL_PENDING',
      model_type: input.model_type ?? '',
      source_run_id: input.source_run_id ?? '',
      creation_timestamp_ms: now,
      last_updated_timestamp_ms: now,
      tags: {},
      params: {},
      deleted: false,
    };
    putParams(model, input.params ?? [], model.params);
    for (const t of input.tags ?? []) setOwn(model.tags, t.key ?? '', t.value ?? '');
    setOwn(state.logged_models, modelId, model);
    return model;
  });
}

const STATUS_BY_NUMBER: Record<string, LoggedModelStatus> = {
  '1': 'LOGGED_MODEL_PENDING',
  '2': 'LOGGED_MODEL_READY',
  '3': 'LOGGED_MODEL_UPLOAD_FAILED',
};
const STATUSES = Object.values(STATUS_BY_NUMBER);

/** `PATCH /logged-models/{id}`: sets the status (by name, or by its proto number). */
export async function finalizeLoggedModel(deps: Deps, modelId: string, status: string): Promise<LoggedModelRecord> {
  const resolved = STATUS_BY_NUMBER[status] ?? (STATUSES as string[]).find((s) => s === status);
  if (!resolved) {
    throw invalidValueForParameter('status', /^\d+$/.test(status) ? Number(status) : status);
  }
  return deps.store.update((state) => {
    const model = getLoggedModel(state, modelId);
    model.status = resolved as LoggedModelStatus;
    model.last_updated_timestamp_ms = deps.clock.now();
    return model;
  });
}

/** Soft delete: the model is gone for get, search and every write. */
export async function deleteLoggedModel(deps: Deps, modelId: string): Promise<void> {
  await deps.store.update((state) => {
    const model = getLoggedModel(state, modelId);
    model.deleted = true;
    model.last_updated_timestamp_ms = deps.clock.now();
  });
}

export async function setLoggedModelTags(deps: Deps, modelId: string, tags: Partial<KeyValue>[]): Promise<void> {
  requireKeys(tags, 'tags');
  await deps.store.update((state) => {
    const model = getLoggedModel(state, modelId);
    for (const t of tags) setOwn(model.tags, t.key ?? '', t.value ?? '');
  });
}

export async function deleteLoggedModelTag(deps: Deps, modelId: string, key: string): Promise<void> {
  await deps.store.update((state) => {
    const model = getLoggedModel(state, modelId);
    if (getOwn(model.tags, key) === undefined) {
      throw notFound(`No tag with key ${pyStr(key)} found for model with ID ${pyStr(modelId)}.`);
    }
    delete model.tags[key];
  });
}

export async function logLoggedModelParams(deps: Deps, modelId: string, params: Partial<KeyValue>[]): Promise<void> {
  requireKeys(params, 'params');
  await deps.store.update((state) => {
    const model = getLoggedModel(state, modelId);
    const next = { ...model.params };
    putParams(model, params, next);
    model.params = next;
  });
}

/** `POST /runs/outputs`: records the run's output models (a model already recorded is kept once). */
export async function logRunOutputs(deps: Deps, runId: string, models: { model_id?: string; step?: number }[]): Promise<void> {
  models.forEach((m, i) => {
    if (!m.model_id) throw invalidParameter(`Missing value for required parameter 'models[${i}].model_id'.`);
  });
  await deps.store.update((state) => {
    const run = getOwn(state.runs, runId);
    if (!run) throw notFound(`Run with id=${runId} not found`);
    if (run.lifecycle_stage !== 'active') {
      throw invalidParameter(`The run ${runId} must be in the 'active' state. Current state is ${run.lifecycle_stage}.`);
    }
    for (const m of models) {
      if (run.model_outputs.some((o) => o.model_id === m.model_id)) continue;
      run.model_outputs.push({ model_id: m.model_id!, step: m.step ?? 0 });
    }
  });
}
