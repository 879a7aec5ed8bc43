/** The one JSON document that holds all emulator state (`<data dir>/db.json`). */

export type LifecycleStage = 'active' | 'deleted';
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export type Stage = 'None' | 'Staging' | 'Production' | 'Archived';

export interface ExperimentRecord {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: LifecycleStage;
  creation_time: number;
  last_update_time: number;
  tags: Record<string, string>;
}

/** One logged metric point. NaN is stored as value 0 with `is_nan`, as MLflow's SQL store does. */
export interface MetricPoint {
  value: number;
  is_nan?: boolean;
  timestamp: number;
  step: number;
  model_id?: string;
  dataset_name?: string;
  dataset_digest?: string;
}

export interface DatasetRecord {
  dataset_id: string;
  experiment_id: string;
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema?: string;
  profile?: string;
}

export interface RunInputRecord {
  dataset_id: string;
  tags: { key: string; value: string }[];
}

export interface RunRecord {
  run_id: string;
  experiment_id: string;
  run_name: string;
  user_id: string;
  status: RunStatus;
  start_time: number;
  end_time: number | null;
  artifact_uri: string;
  lifecycle_stage: LifecycleStage;
  deleted_time: number | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** Every point of every metric key, in the order logged. */
  metrics: Record<string, MetricPoint[]>;
  dataset_inputs: RunInputRecord[];
  model_inputs: string[];
  model_outputs: { model_id: string; step: number }[];
}

export interface ModelVersionRecord {
  version: number;
  creation_timestamp: number;
  last_updated_timestamp: number;
  current_stage: Stage;
  description: string;
  source: string;
  /** What get-download-uri answers: `source`, or the resolved location of a `models:/` source. */
  storage_location: string;
  run_id: string;
  run_link: string;
  status: 'READY';
  tags: Record<string, string>;
  model_id?: string;
  /** Soft delete: MLflow's internal stage `Deleted_Internal`. The number is never reused. */
  deleted: boolean;
}

export interface RegisteredModelRecord {
  name: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  description: string;
  tags: Record<string, string>;
  /** alias → version number */
  aliases: Record<string, number>;
  versions: ModelVersionRecord[];
}

export type LoggedModelStatus = 'LOGGED_MODEL_PENDING' | 'LOGGED_MODEL_READY' | 'LOGGED_MODEL_UPLOAD_FAILED';

export interface LoggedModelRecord {
  model_id: string;
  experiment_id: string;
  name: string;
  artifact_uri: string;
  status: LoggedModelStatus;
  status_message?: string;
  model_type?: string;
  source_run_id?: string;
  creation_timestamp_ms: number;
  last_updated_timestamp_ms: number;
  tags: Record<string, string>;
  params: Record<string, string>;
  deleted: boolean;
}

export interface EmulatorState {
  schema_version: 1;
  next_experiment_id: number;
  experiments: Record<string, ExperimentRecord>;
  runs: Record<string, RunRecord>;
  datasets: Record<string, DatasetRecord>;
  registered_models: Record<string, RegisteredModelRecord>;
  logged_models: Record<string, LoggedModelRecord>;
}
