import { getOwn, setOwn } from './own-keys.js';
import type { Deps } from '../context.js';
import { badRequest, invalidParameter, notFound } from '../errors/api-error.js';
import type { EmulatorState, RunRecord, RunStatus } from '../store/schema.js';
import { requireActiveExperiment } from './experiments.js';
import type { KeyValue } from './proto-json.js';
import { randomRunName } from './run-names.js';

export const RUN_NAME_TAG = 'mlflow.runName';

/**
 * Sets `record[key]` as an own property, so that user keys such as `__proto__` are stored like any
 * other key instead of reaching the object's prototype.
 */
export function getRun(state: EmulatorState, runId: string): RunRecord {
  const run = getOwn(state.runs, runId);
  if (!run) throw notFound(`Run with id=${runId} not found`);
  return run;
}

/** Writes need an active run (its status does not matter, only its lifecycle stage). */
export function requireActiveRun(state: EmulatorState, runId: string): RunRecord {
  const run = getRun(state, runId);
  if (run.lifecycle_stage !== 'active') {
    throw invalidParameter(`The run ${runId} must be in the 'active' state. Current state is ${run.lifecycle_stage}.`);
  }
  return run;
}

/** Renames a run and mirrors the name in its `mlflow.runName` tag (MLflow's `update_run_info`). */
export function renameRun(run: RunRecord, name: string): void {
  run.run_name = name;
  run.tags[RUN_NAME_TAG] = name;
}

/**
 * MLflow's `append_to_uri_path(location, run_id, "artifacts")`: joins path segments onto the
 * location's path, keeping a query string after them.
 */
export function appendToUriPath(location: string, ...segments: string[]): string {
  const cut = location.search(/[?#]/);
  const base = cut < 0 ? location : location.slice(0, cut);
  const rest = cut < 0 ? '' : location.slice(cut);
  const suffix = segments.join('/');
  if (base === '') return suffix + rest;
  return `${base}${base.endsWith('/') ? '' : '/'}${suffix}${rest}`;
}

export interface CreateRunInput {
  experiment_id?: string;
  user_id?: string;
  run_name?: string;
  start_time?: number;
  tags?: KeyValue[];
}

export async function createRun(deps: Deps, input: CreateRunInput): Promise<RunRecord> {
  const tags: Record<string, string> = {};
  for (const t of input.tags ?? []) setOwn(tags, t.key ?? '', t.value ?? '');
  const tagName = (input.tags ?? []).find((t) => t.key === RUN_NAME_TAG)?.value ?? '';
  return deps.store.update((state) => {
    if (!input.experiment_id) {
      // The real server fails here on its SQL foreign key (400 BAD_REQUEST with the SQL text).
      throw badRequest('A run needs an experiment: the request has no experiment_id.');
    }
    const exp = requireActiveExperiment(state, input.experiment_id);
    if (input.run_name && tagName && input.run_name !== tagName) {
      throw invalidParameter(
        `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${input.run_name}', mlflow.runName='${tagName}').`,
      );
    }
    const runId = deps.ids.hex32();
    const name = input.run_name || tagName || randomRunName(deps.ids);
    if (!tagName) tags[RUN_NAME_TAG] = name;
    const run: RunRecord = {
      run_id: runId,
      experiment_id: exp.experiment_id,
      run_name: name,
      user_id: input.user_id ?? '',
      status: 'RUNNING',
      start_time: input.start_time ?? 0,
      end_time: null,
      artifact_uri: appendToUriPath(exp.artifact_location, runId, 'artifacts'),
      lifecycle_stage: 'active',
      deleted_time: null,
      params: {},
      tags,
      metrics: {},
      dataset_inputs: [],
      model_inputs: [],
      model_outputs: [],
    };
    state.runs[runId] = run;
    return run;
  });
}

export interface UpdateRunInput {
  status?: RunStatus;
  end_time?: number;
  run_name?: string;
}

/** Any status in any order; `end_time` only when sent; a non-empty `run_name` renames the run. */
export async function updateRun(deps: Deps, runId: string, input: UpdateRunInput): Promise<RunRecord> {
  return deps.store.update((state) => {
    const run = requireActiveRun(state, runId);
    if (input.status !== undefined) run.status = input.status;
    if (input.end_time !== undefined) run.end_time = input.end_time;
    if (input.run_name) renameRun(run, input.run_name);
    return run;
  });
}

/** Soft delete; deleting a deleted run again is fine. */
export async function deleteRun(deps: Deps, runId: string): Promise<void> {
  await deps.store.update((state) => {
    const run = getRun(state, runId);
    run.lifecycle_stage = 'deleted';
    run.deleted_time = deps.clock.now();
  });
}

export async function restoreRun(deps: Deps, runId: string): Promise<void> {
  await deps.store.update((state) => {
    const run = getRun(state, runId);
    run.lifecycle_stage = 'active';
    run.deleted_time = null;
  });
}
