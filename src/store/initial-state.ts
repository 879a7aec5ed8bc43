import type { EmulatorState } from './schema.js';

/** A fresh store holds only the `Default` experiment "0", as a new MLflow SQL store does. */
export function initialState(now: number): EmulatorState {
  return {
    schema_version: 1,
    next_experiment_id: 1,
    experiments: {
      '0': {
        experiment_id: '0',
        name: 'Default',
        artifact_location: 'mlflow-artifacts:/0',
        lifecycle_stage: 'active',
        creation_time: now,
        last_update_time: now,
        tags: {},
      },
    },
    runs: {},
    datasets: {},
    registered_models: {},
    logged_models: {},
  };
}
