import type { LogLevel } from './context.js';

export interface EmulatorOptions {
  host?: string;
  /** Hokusai API port; 0 picks a free one. */
  apiPort?: number;
  /** MLflow tracking server port; 0 picks a free one. */
  mlflowPort?: number;
  dataDir?: string;
  inMemory?: boolean;
  /** A JSON file with a full store document to start from (when the store is empty). */
  seed?: string;
  logLevel?: LogLevel;
}

export interface EmulatorConfig {
  host: string;
  apiPort: number;
  mlflowPort: number;
  dataDir: string;
  inMemory: boolean;
  seed?: string;
  logLevel: LogLevel;
}

export const DEFAULTS: EmulatorConfig = {
  host: '127.0.0.1',
  apiPort: 8001,
  mlflowPort: 5001,
  dataDir: 'data',
  inMemory: false,
  logLevel: 'info',
};

export function resolveConfig(options: EmulatorOptions): EmulatorConfig {
  const config = { ...DEFAULTS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (config as Record<string, unknown>)[k] = v;
  return config;
}
