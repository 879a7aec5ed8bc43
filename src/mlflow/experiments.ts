import type { Deps } from '../context.js';
import { alreadyExists, badRequest, invalidParameter, invalidState, notFound } from '../errors/api-error.js';
import type { EmulatorState, ExperimentRecord } from '../store/schema.js';
import { compact, keyValueList, type KeyValue } from './proto-json.js';
import { getOwn, hasOwn, setOwn } from './own-keys.js';
import { codePoints, validateExperimentTag } from './validation.js';

export function experimentJson(e: ExperimentRecord) {
  return compact({
    experiment_id: e.experiment_id,
    name: e.name,
    artifact_location: e.artifact_location,
    lifecycle_stage: e.lifecycle_stage,
    last_update_time: e.last_update_time,
    creation_time: e.creation_time,
    tags: keyValueList(e.tags),
  });
}

export function getExperiment(state: EmulatorState, id: string): ExperimentRecord {
  const exp = getOwn(state.experiments, id);
  if (!exp) throw notFound(`No Experiment with id=${id} exists`);
  return exp;
}

export function requireActiveExperiment(state: EmulatorState, id: string): ExperimentRecord {
  const exp = getExperiment(state, id);
  if (exp.lifecycle_stage !== 'active') {
    throw invalidParameter(`The experiment ${id} must be in the 'active' state. Current state is ${exp.lifecycle_stage}.`);
  }
  return exp;
}

function findByName(state: EmulatorState, name: string): ExperimentRecord[] {
  return Object.values(state.experiments).filter((e) => e.name === name);
}

export function getExperimentByName(state: EmulatorState, name: string): ExperimentRecord {
  const found = findByName(state, name);
  const exp = found.find((e) => e.lifecycle_stage === 'active') ?? found[0];
  if (!exp) throw notFound(`Could not find experiment with name '${name}'`);
  return exp;
}

export interface CreateExperimentInput {
  name: string;
  artifact_location?: string;
  tags?: KeyValue[];
}

export async function createExperiment(deps: Deps, input: CreateExperimentInput): Promise<string> {
  if (codePoints(input.name) > 500) throw invalidParameter("'name' exceeds the maximum length of 500 characters");
  for (const tag of input.tags ?? []) validateExperimentTag(tag.key, tag.value);
  return deps.store.update((state) => {
    if (findByName(state, input.name).length) {
      throw alreadyExists(`Experiment(name=${input.name}) already exists.`);
    }
    const id = String(state.next_experiment_id);
    const now = deps.clock.now();
    state.next_experiment_id += 1;
    state.experiments[id] = {
      experiment_id: id,
      name: input.name,
      artifact_location: input.artifact_location || `mlflow-artifacts:/${id}`,
      lifecycle_stage: 'active',
      creation_time: now,
      last_update_time: now,
      tags: {},
    };
    for (const tag of input.tags ?? []) setOwn(state.experiments[id].tags, tag.key, tag.value ?? '');
    return id;
  });
}

export async function renameExperiment(deps: Deps, id: string, newName: string): Promise<void> {
  await deps.store.update((state) => {
    const exp = getExperiment(state, id);
    if (exp.lifecycle_stage !== 'active') throw invalidState('Cannot rename a non-active experiment.');
    if (codePoints(newName) > 500) throw invalidParameter("'name' exceeds the maximum length of 500 characters");
    if (findByName(state, newName).some((e) => e.experiment_id !== id)) {
      throw badRequest(`Experiment(name=${newName}) already exists.`);
    }
    exp.name = newName;
    exp.last_update_time = deps.clock.now();
  });
}

/** Soft delete; every run of the experiment is deleted with it. */
export async function deleteExperiment(deps: Deps, id: string): Promise<void> {
  await deps.store.update((state) => {
    const exp = getOwn(state.experiments, id);
    if (!exp || exp.lifecycle_stage !== 'active') throw notFound(`No Experiment with id=${id} exists`);
    const now = deps.clock.now();
    exp.lifecycle_stage = 'deleted';
    exp.last_update_time = now;
    for (const run of Object.values(state.runs)) {
      if (run.experiment_id === id && run.lifecycle_stage === 'active') {
        run.lifecycle_stage = 'deleted';
        run.deleted_time = now;
      }
    }
  });
}

/** Restores the experiment and all its runs, including runs deleted on their own before. */
export async function restoreExperiment(deps: Deps, id: string): Promise<void> {
  await deps.store.update((state) => {
    const exp = getOwn(state.experiments, id);
    if (!exp || exp.lifecycle_stage !== 'deleted') throw notFound(`No Experiment with id=${id} exists`);
    exp.lifecycle_stage = 'active';
    exp.last_update_time = deps.clock.now();
    for (const run of Object.values(state.runs)) {
      if (run.experiment_id === id && run.lifecycle_stage === 'deleted') {
        run.lifecycle_stage = 'active';
        run.deleted_time = null;
      }
    }
  });
}

export async function setExperimentTag(deps: Deps, id: string, key: string, value: string): Promise<void> {
  validateExperimentTag(key, value);
  await deps.store.update((state) => {
    setOwn(requireActiveExperiment(state, id).tags, key, value);
  });
}

export async function deleteExperimentTag(deps: Deps, id: string, key: string): Promise<void> {
  await deps.store.update((state) => {
    const exp = requireActiveExperiment(state, id);
    if (!hasOwn(exp.tags, key)) throw notFound(`No tag with name: ${key} in experiment with id ${id}`);
    delete exp.tags[key];
  });
}
