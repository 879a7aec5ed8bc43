import { pythonJsonDumps } from '../errors/python-text.js';
import type { Deps } from '../context.js';
import { ApiError } from '../errors/api-error.js';
import type { EmulatorState, LoggedModelRecord, ModelVersionRecord } from '../store/schema.js';
import { loggedModelNotFound, resolveModelsSource, validateModelVersionSource } from './model-version-source.js';
import type { KeyValue } from './proto-json.js';
import { ACTIVE_STAGES, canonicalStage, findModel, findVersion, modelVersionJson, tagRecord, validateModelName, validateRegistryTag, validateVersionText } from './registry-json.js';
import { getOwn, hasOwn, setOwn } from './own-keys.js';
import { validateEntityKey } from './validation.js';

/** Model versions, as MLflow 3.6's SQL registry store and its handlers treat them. */

const PROMPT_TAG = 'mlflow.prompt.is_prompt';
/** The logged-model tag listing the versions registered from it. */
export const MODEL_VERSIONS_TAG = 'mlflow.modelVersions';

export interface CreateModelVersionInput {
  name: string;
  source: string;
  run_id?: string;
  tags?: Partial<KeyValue>[];
  run_link?: string;
  description?: string;
  model_id?: string;
}

function liveLoggedModel(state: EmulatorState, modelId: string): LoggedModelRecord {
  const model = getOwn(state.logged_models, modelId);
  if (!model || model.deleted) throw loggedModelNotFound(modelId);
  return model;
}

/** `set_model_versions_tags`: appends `{"name", "version"}` to the JSON list in `mlflow.modelVersions`. */
function addModelVersionsTag(logged: LoggedModelRecord, name: string, version: number): void {
  const entry = { name, version };
  let list: unknown[] = [entry];
  const existing = getOwn(logged.tags, MODEL_VERSIONS_TAG);
  if (existing) {
    try {
      const parsed: unknown = JSON.parse(existing);
      const known = Array.isArray(parsed) && parsed.some((e) => e?.name === name && e?.version === version);
      if (Array.isArray(parsed) && !known) list = [...parsed, entry];
    } catch {
      list = [entry];
    }
  }
  setOwn(logged.tags, MODEL_VERSIONS_TAG, pythonJsonDumps(list));
}

/**
 * Registers a new version, numbered max(all versions, deleted ones too) + 1 and READY at once.
 * A `model_id` (an MLflow 3 logged model) must exist; the logged model gets the version in its
 * `mlflow.modelVersions` tag.
 */
export async function createModelVersion(deps: Deps, input: CreateModelVersionInput) {
  const isPrompt = (input.tags ?? []).some((t) => t.key === PROMPT_TAG);
  const modelId = input.model_id ?? '';
  if (!isPrompt) validateModelVersionSource(deps.store.data, input.source, input.run_id ?? '', modelId);
  validateModelName(input.name);
  for (const tag of input.tags ?? []) validateRegistryTag(tag.key ?? '', tag.value ?? '');
  return deps.store.update((state) => {
    const resolved = resolveModelsSource(state, input.source);
    const model = findModel(state, input.name);
    const logged = !isPrompt && modelId ? liveLoggedModel(state, modelId) : undefined;
    const now = deps.clock.now();
    const record: ModelVersionRecord = {
      version: model.versions.reduce((max, v) => Math.max(max, v.version), 0) + 1,
      creation_timestamp: now,
      last_updated_timestamp: now,
      current_stage: 'None',
      description: input.description ?? '',
      source: input.source,
      storage_location: resolved.storageLocation,
      run_id: input.run_id || resolved.runId || '',
      run_link: input.run_link ?? '',
      status: 'READY',
      tags: tagRecord(input.tags),
      deleted: false,
      ...(modelId ? { model_id: modelId } : {}),
    };
    model.versions.push(record);
    model.last_updated_timestamp = now;
    if (logged) addModelVersionsTag(logged, model.name, record.version);
    return modelVersionJson(model, record, true);
  });
}

export function getModelVersion(state: EmulatorState, name: string, version: string) {
  const { model, version: v } = findVersion(state, name, version);
  return modelVersionJson(model, v, true);
}

/** An absent description is stored as `""`. */
export async function updateModelVersion(deps: Deps, name: string, version: string, description: string | undefined) {
  return deps.store.update((state) => {
    const { model, version: v } = findVersion(state, name, version);
    v.description = description ?? '';
    v.last_updated_timestamp = deps.clock.now();
    return modelVersionJson(model, v, true);
  });
}

/**
 * Moves a version to a stage (case-insensitive input). With `archive_existing_versions` (Staging or
 * Production only) every other live version in that stage goes to Archived in the same write.
 */
export async function transitionModelVersionStage(deps: Deps, name: string, version: string, stage: string, archive: boolean) {
  const target = canonicalStage(stage);
  if (archive && !ACTIVE_STAGES.includes(target)) {
    throw new ApiError(
      'INTERNAL_ERROR',
      `Model version transition cannot archive existing model versions because '${stage}' is not an Active stage. Valid stages are ['Staging', 'Production']`,
    );
  }
  return deps.store.update((state) => {
    const { model, version: v } = findVersion(state, name, version);
    const now = deps.clock.now();
    if (archive) {
      for (const other of model.versions) {
        if (other !== v && !other.deleted && other.current_stage === target) {
          other.current_stage = 'Archived';
          other.last_updated_timestamp = now;
        }
      }
    }
    v.current_stage = target;
    v.last_updated_timestamp = now;
    model.last_updated_timestamp = now;
    return modelVersionJson(model, v, true);
  });
}

/**
 * Soft delete (MLflow's `Deleted_Internal`): the version disappears from every API and its number is
 * never reused. Its details are redacted. Aliases that point to it stay (the real server keeps them).
 */
export async function deleteModelVersion(deps: Deps, name: string, version: string): Promise<void> {
  await deps.store.update((state) => {
    const { model, version: v } = findVersion(state, name, version);
    const now = deps.clock.now();
    model.last_updated_timestamp = now;
    Object.assign(v, {
      deleted: true,
      last_updated_timestamp: now,
      description: '',
      source: 'REDACTED-SOURCE-PATH',
      run_id: 'REDACTED-RUN-ID',
      run_link: 'REDACTED-RUN-LINK',
    });
  });
}

/** The stored location: the source, or what a `models:/` source resolved to at creation. */
export function getModelVersionDownloadUri(state: EmulatorState, name: string | undefined, version: string | undefined): string {
  const { version: v } = findVersion(state, name, version ?? '');
  return v.storage_location || v.source;
}

export async function setModelVersionTag(deps: Deps, name: string, version: string, key: string, value: string): Promise<void> {
  validateModelName(name);
  validateVersionText(version);
  validateRegistryTag(key, value);
  await deps.store.update((state) => {
    setOwn(findVersion(state, name, version).version.tags, key, value);
  });
}

/** Deleting a tag that is not there is a no-op (200). */
export async function deleteModelVersionTag(deps: Deps, name: string, version: string, key: string): Promise<void> {
  validateModelName(name);
  validateVersionText(version);
  validateEntityKey(key);
  await deps.store.update((state) => {
    const { version: v } = findVersion(state, name, version);
    if (hasOwn(v.tags, key)) delete v.tags[key];
  });
}
