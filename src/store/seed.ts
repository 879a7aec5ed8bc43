import { readFileSync } from 'node:fs';
import type { EmulatorState } from './schema.js';

/** Reads a seed file: a whole store document, as `data/db.json` holds it. */
export function readSeed(file: string): EmulatorState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`seed ${file} cannot be read: ${(err as Error).message}`);
  }
  const state = parsed as Partial<EmulatorState> | null;
  const parts = ['experiments', 'runs', 'datasets', 'registered_models', 'logged_models'] as const;
  if (!state || state.schema_version !== 1 || typeof state.next_experiment_id !== 'number' || parts.some((p) => typeof state[p] !== 'object' || state[p] === null)) {
    throw new Error(`seed ${file} is not a hokusai-emulator store document (schema_version 1 with ${parts.join(', ')})`);
  }
  return state as EmulatorState;
}

/** A store is empty when it holds nothing but the Default experiment. */
export function isEmptyState(state: EmulatorState): boolean {
  return (
    Object.keys(state.experiments).length <= 1 &&
    Object.keys(state.runs).length === 0 &&
    Object.keys(state.registered_models).length === 0 &&
    Object.keys(state.logged_models).length === 0
  );
}
