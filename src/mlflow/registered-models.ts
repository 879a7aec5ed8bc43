import type { Deps } from '../context.js';
import { alreadyExists } from '../errors/api-error.js';
import type { EmulatorState } from '../store/schema.js';
import type { KeyValue } from './proto-json.js';
import { canonicalStage, findModel, latestVersions, modelVersionJson, registeredModelJson, STAGES, tagRecord, validateModelName, validateRegistryTag } from './registry-json.js';
import { hasOwn, setOwn } from './own-keys.js';
import { validateEntityKey } from './validation.js';

/** Registered models, as MLflow 3.6's SQL registry store handles them. */

export interface CreateRegisteredModelInput {
  name: string;
  tags?: Partial<KeyValue>[];
  description?: string;
}

export async function createRegisteredModel(deps: Deps, input: CreateRegisteredModelInput) {
  validateModelName(input.name);
  for (const tag of input.tags ?? []) validateRegistryTag(tag.key ?? '', tag.value ?? '');
  return deps.store.update((state) => {
    if (hasOwn(state.registered_models, input.name)) {
      throw alreadyExists(`Registered Model (name=${input.name}) already exists.`);
    }
    const now = deps.clock.now();
    const model = {
      name: input.name,
      creation_timestamp: now,
      last_updated_timestamp: now,
      description: input.description ?? '',
      tags: tagRecord(input.tags),
      aliases: {},
      versions: [],
    };
    setOwn(state.registered_models, input.name, model);
    return registeredModelJson(model);
  });
}

export function getRegisteredModel(state: EmulatorState, name: string) {
  return registeredModelJson(findModel(state, name));
}

/** Moves the model, its versions (deleted ones too), tags and aliases to the new name. */
export async function renameRegisteredModel(deps: Deps, name: string, newName: string) {
  validateModelName(newName, 'new_name');
  return deps.store.update((state) => {
    const model = findModel(state, name);
    if (newName !== name && hasOwn(state.registered_models, newName)) {
      throw alreadyExists(`Registered Model (name=${newName}) already exists.`);
    }
    const now = deps.clock.now();
    delete state.registered_models[name];
    model.name = newName;
    model.last_updated_timestamp = now;
    for (const v of model.versions) v.last_updated_timestamp = now;
    setOwn(state.registered_models, newName, model);
    return registeredModelJson(model);
  });
}

/** An absent description is stored as `""` (and then left out of the answer), as the real server does. */
export async function updateRegisteredModel(deps: Deps, name: string, description: string | undefined) {
  return deps.store.update((state) => {
    const model = findModel(state, name);
    model.description = description ?? '';
    model.last_updated_timestamp = deps.clock.now();
    return registeredModelJson(model);
  });
}

/** Hard delete: the model, its versions, tags and aliases. */
export async function deleteRegisteredModel(deps: Deps, name: string): Promise<void> {
  await deps.store.update((state) => {
    findModel(state, name);
    delete state.registered_models[name];
  });
}

/** For each requested stage (default: all four), the newest version in it, with its aliases. */
export function getLatestVersions(state: EmulatorState, name: string, stages: string[] | undefined) {
  const model = findModel(state, name);
  const wanted = new Set(stages && stages.length ? stages.map(canonicalStage) : STAGES);
  return latestVersions(model)
    .filter((v) => wanted.has(v.current_stage))
    .map((v) => modelVersionJson(model, v, true));
}

export async function setRegisteredModelTag(deps: Deps, name: string, key: string, value: string): Promise<void> {
  validateModelName(name);
  validateRegistryTag(key, value);
  await deps.store.update((state) => {
    setOwn(findModel(state, name).tags, key, value);
  });
}

/** Deleting a tag that is not there is a no-op (200). */
export async function deleteRegisteredModelTag(deps: Deps, name: string, key: string): Promise<void> {
  validateModelName(name);
  validateEntityKey(key);
  await deps.store.update((state) => {
    const model = findModel(state, name);
    if (hasOwn(model.tags, key)) delete model.tags[key];
  });
}
