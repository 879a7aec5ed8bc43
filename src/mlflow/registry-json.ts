import { getOwn, setOwn } from './own-keys.js';
import { invalidParameter, notFound } from '../errors/api-error.js';
import type { EmulatorState, ModelVersionRecord, RegisteredModelRecord, Stage } from '../store/schema.js';
import { compact, keyValueList, type KeyValue } from './proto-json.js';
import { MAX_ENTITY_KEY_LENGTH, MAX_REGISTRY_TAG_VAL_LENGTH, validateEntityKey, validateLength } from './validation.js';

/** Shared model-registry helpers: lookups, MLflow's registry checks and proto-JSON shapes. */

export const STAGES: Stage[] = ['None', 'Staging', 'Production', 'Archived'];
/** Stages `archive_existing_versions` works with (MLflow's DEFAULT_STAGES_FOR_GET_LATEST_VERSIONS). */
export const ACTIVE_STAGES: Stage[] = ['Staging', 'Production'];

/** Own-property helpers: names, tag keys and aliases such as `__proto__` are plain keys here. */
/** `{key, value}` pairs as a record (a later duplicate key wins); an absent value is `""` as in proto. */
export function tagRecord(tags: Partial<KeyValue>[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) setOwn(out, tag.key ?? '', tag.value ?? '');
  return out;
}

/** `_validate_model_name`: the store's own check (no "See the API docs" hint). */
export function validateModelName(name: string | undefined, field = 'name'): void {
  if (name === undefined || name === '') throw invalidParameter(`Missing value for required parameter '${field}'.`);
}

const PY_INT = /^\s*[-+]?\d+(_\d+)*\s*$/;

/** `_validate_model_version`: Python's `int()` must accept it. */
export function validateVersionText(version: string | undefined): void {
  if (!PY_INT.test(version ?? '')) {
    throw invalidParameter(`Parameter 'version' must be an integer, got '${version ?? ''}'.`);
  }
}

/** The number SQLite compares a version string as (integer affinity); null when it stays text. */
export function versionNumber(version: string): number | null {
  return /^\s*[-+]?\d+\s*$/.test(version) ? Number(version.trim()) : null;
}

export function canonicalStage(stage: string): Stage {
  const found = STAGES.find((s) => s.toLowerCase() === stage.toLowerCase());
  if (!found) {
    throw invalidParameter(`Invalid Model Version stage: ${stage}. Value must be one of None, Staging, Production, Archived.`);
  }
  return found;
}

export function findModel(state: EmulatorState, name: string | undefined): RegisteredModelRecord {
  validateModelName(name);
  const model = getOwn(state.registered_models, name as string);
  if (!model) throw notFound(`Registered Model with name=${name} not found`);
  return model;
}

export interface FoundVersion {
  model: RegisteredModelRecord;
  version: ModelVersionRecord;
}

/** `_get_sql_model_version`: a live (not deleted) version, else 404 with the version as sent. */
export function findVersion(state: EmulatorState, name: string | undefined, version: string | undefined): FoundVersion {
  validateModelName(name);
  validateVersionText(version);
  const model = getOwn(state.registered_models, name as string);
  const number = versionNumber(version as string);
  const found = model?.versions.find((v) => v.version === number && !v.deleted);
  if (!model || !found) throw notFound(`Model Version (name=${name}, version=${version}) not found`);
  return { model, version: found };
}

/** `_validate_registered_model_tag` / `_validate_model_version_tag` (3.6 limits). */
export function validateRegistryTag(key: string, value: string): void {
  validateEntityKey(key);
  validateLength('key', MAX_ENTITY_KEY_LENGTH, key);
  validateLength('value', MAX_REGISTRY_TAG_VAL_LENGTH, value);
}

/** The newest live version in each stage, in the order the stages are first met. */
export function latestVersions(model: RegisteredModelRecord): ModelVersionRecord[] {
  const byStage = new Map<Stage, ModelVersionRecord>();
  for (const v of model.versions) {
    if (v.deleted) continue;
    const current = byStage.get(v.current_stage);
    if (!current || current.version < v.version) byStage.set(v.current_stage, v);
  }
  return [...byStage.values()];
}

export function aliasesOf(model: RegisteredModelRecord, version: number): string[] {
  return Object.entries(model.aliases)
    .filter(([, v]) => v === version)
    .map(([alias]) => alias);
}

/**
 * A ModelVersion as proto JSON. `aliases` are filled in only by the calls whose store method does
 * it (get, create, update, transition, by-alias, get-latest-versions), not in searches or
 * `latest_versions`.
 */
export function modelVersionJson(model: RegisteredModelRecord, v: ModelVersionRecord, withAliases = false) {
  return compact({
    name: model.name,
    version: String(v.version),
    creation_timestamp: v.creation_timestamp,
    last_updated_timestamp: v.last_updated_timestamp,
    current_stage: v.current_stage,
    description: v.description,
    source: v.source,
    run_id: v.run_id,
    status: v.status,
    tags: keyValueList(v.tags),
    run_link: v.run_link,
    aliases: withAliases ? aliasesOf(model, v.version) : undefined,
  });
}

/** A RegisteredModel as proto JSON: an empty description is left out, aliases may point to deleted versions. */
export function registeredModelJson(model: RegisteredModelRecord) {
  return compact({
    name: model.name,
    creation_timestamp: model.creation_timestamp,
    last_updated_timestamp: model.last_updated_timestamp || undefined,
    description: model.description || undefined,
    latest_versions: latestVersions(model).map((v) => modelVersionJson(model, v)),
    tags: keyValueList(model.tags),
    aliases: Object.entries(model.aliases).map(([alias, version]) => ({ alias, version: String(version) })),
  });
}
