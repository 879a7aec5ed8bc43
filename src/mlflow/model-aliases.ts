import type { Deps } from '../context.js';
import { invalidParameter } from '../errors/api-error.js';
import type { EmulatorState } from '../store/schema.js';
import { findModel, findVersion, modelVersionJson, validateModelName, validateVersionText } from './registry-json.js';
import { getOwn, hasOwn, setOwn } from './own-keys.js';

/** Registered-model aliases: one alias names exactly one version; setting it again moves it. */

export const MAX_ALIAS_LENGTH = 255;
// Python's `^[\w\-]*$` and `^[vV]\d+$` (`re.match`: `$` also matches before a final newline).
const ALIAS = /^[\p{L}\p{N}_-]*\n?$/u;
const VERSION_ALIAS = /^[vV]\p{Nd}+\n?$/u;

/** `_validate_model_alias_name`. */
export function validateAliasName(alias: string | undefined): void {
  if (alias === undefined || alias === '') throw invalidParameter('Registered model alias name cannot be empty.');
  if (!ALIAS.test(alias)) {
    throw invalidParameter(`Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`);
  }
  if (alias.length > MAX_ALIAS_LENGTH) {
    throw invalidParameter(`'Registered model alias name' exceeds the maximum length of ${MAX_ALIAS_LENGTH} characters`);
  }
  if (alias.toLowerCase() === 'latest') throw invalidParameter("'latest' alias name (case insensitive) is reserved.");
  if (VERSION_ALIAS.test(alias)) throw invalidParameter(`Version alias name '${alias}' is reserved.`);
}

/** Points `alias` at an existing, live version (404 otherwise). */
export async function setRegisteredModelAlias(deps: Deps, name: string, alias: string, version: string): Promise<void> {
  validateModelName(name);
  validateAliasName(alias);
  validateVersionText(version);
  await deps.store.update((state) => {
    const { model, version: v } = findVersion(state, name, version);
    setOwn(model.aliases, alias, v.version);
  });
}

/** Deleting an alias that is not there is a no-op (200); the model must exist. */
export async function deleteRegisteredModelAlias(deps: Deps, name: string, alias: string): Promise<void> {
  validateModelName(name);
  validateAliasName(alias);
  await deps.store.update((state) => {
    const model = findModel(state, name);
    if (hasOwn(model.aliases, alias)) delete model.aliases[alias];
  });
}

/**
 * The version an alias names, with its aliases. An unknown alias (or model) is a 400; an alias
 * left pointing to a deleted version is a 404 for that version.
 */
export function getModelVersionByAlias(state: EmulatorState, name: string, alias: string) {
  validateModelName(name);
  validateAliasName(alias);
  const model = getOwn(state.registered_models, name);
  const version = model ? getOwn(model.aliases, alias) : undefined;
  if (version === undefined) throw invalidParameter(`Registered model alias ${alias} not found.`);
  const found = findVersion(state, name, String(version));
  return modelVersionJson(found.model, found.version, true);
}
