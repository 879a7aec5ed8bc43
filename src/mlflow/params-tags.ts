import type { Deps } from '../context.js';
import { invalidParameter, notFound } from '../errors/api-error.js';
import type { RunRecord } from '../store/schema.js';
import { RUN_NAME_TAG, renameRun, requireActiveRun } from './runs.js';
import { getOwn, setOwn } from './own-keys.js';
import {
  MAX_ENTITY_KEY_LENGTH,
  MAX_PARAM_VAL_LENGTH,
  MAX_TAG_VAL_LENGTH,
  truncate,
  validateEntityKey,
  validateLength,
} from './validation.js';

/** MLflow's `append_to_json_path`: `metrics[0]` + `name` → `metrics[0].name`; `` + `key` → `key`. */
export function jsonPath(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** Python's `repr()` of a str, list or dict of them, as MLflow prints them inside messages. */


export interface KeyValueInput {
  key: string;
  value: string;
}

/** MLflow's `_validate_param`: key checks; a value over 6000 characters is truncated, not rejected. */
export function validateParam(key: string, value: string, path = ''): KeyValueInput {
  validateEntityKey(key, jsonPath(path, 'key'));
  validateLength('Param key', MAX_ENTITY_KEY_LENGTH, key);
  return { key, value: truncate(value, MAX_PARAM_VAL_LENGTH) };
}

/** MLflow's `_validate_tag` for run tags: key checks; a value over 8000 characters is truncated. */
export function validateRunTag(key: string, value: string, path = ''): KeyValueInput {
  validateEntityKey(key, jsonPath(path, 'key'));
  validateLength(jsonPath(path, 'key'), MAX_ENTITY_KEY_LENGTH, key);
  return { key, value: truncate(value, MAX_TAG_VAL_LENGTH) };
}

/** Sets a (validated) tag; `mlflow.runName` renames the run instead (an empty name changes nothing). */
export function applyRunTag(run: RunRecord, tag: KeyValueInput): void {
  if (tag.key === RUN_NAME_TAG) {
    if (tag.value) renameRun(run, tag.value);
    return;
  }
  setOwn(run.tags, tag.key, tag.value);
}

/** A param cannot change once logged; logging the same value again is a no-op. */
export async function logParam(deps: Deps, runId: string, key: string, value: string): Promise<void> {
  const param = validateParam(key, value);
  await deps.store.update((state) => {
    const run = requireActiveRun(state, runId);
    const old = getOwn(run.params, param.key);
    if (old === undefined) {
      setOwn(run.params, param.key, param.value);
    } else if (old !== param.value) {
      throw invalidParameter(
        `Changing param values is not allowed. Param with key='${param.key}' was already logged with value='${old}' for run ID='${runId}'. Attempted logging new value '${param.value}'.`,
      );
    }
  });
}

/** Tags are overwritten (last write wins). */
export async function setRunTag(deps: Deps, runId: string, key: string, value: string): Promise<void> {
  const tag = validateRunTag(key, value);
  await deps.store.update((state) => {
    applyRunTag(requireActiveRun(state, runId), tag);
  });
}

export async function deleteRunTag(deps: Deps, runId: string, key: string): Promise<void> {
  await deps.store.update((state) => {
    const run = requireActiveRun(state, runId);
    if (getOwn(run.tags, key) === undefined) throw notFound(`No tag with name: ${key} in run with id ${runId}`);
    delete run.tags[key];
  });
}
