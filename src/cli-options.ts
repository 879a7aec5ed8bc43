import { Command, InvalidArgumentError, Option } from 'commander';
import type { EmulatorOptions } from './config.js';
import { DEFAULTS } from './config.js';
import type { LogLevel } from './context.js';

const LOG_LEVELS: LogLevel[] = ['error', 'warn', 'info', 'debug', 'silent'];

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535');
  return n;
}

/** Every flag also reads an environment variable (HOKUSAI_EMULATOR_*); a flag wins over its variable. */
export function buildProgram(): Command {
  return new Command('hokusai-emulator')
    .description('A faithful, stateful, local emulator of the Hokusai platform: an MLflow tracking server and the Hokusai API.')
    .addOption(new Option('--host <host>', 'address both listeners bind to').env('HOKUSAI_EMULATOR_HOST').default(DEFAULTS.host))
    .addOption(new Option('--api-port <port>', 'Hokusai API port (0 = any free port)').env('HOKUSAI_EMULATOR_API_PORT').argParser(port).default(DEFAULTS.apiPort))
    .addOption(new Option('--mlflow-port <port>', 'MLflow tracking server port (0 = any free port)').env('HOKUSAI_EMULATOR_MLFLOW_PORT').argParser(port).default(DEFAULTS.mlflowPort))
    .addOption(new Option('--data-dir <dir>', 'folder of db.json and artifacts/').env('HOKUSAI_EMULATOR_DATA_DIR').default(DEFAULTS.dataDir))
    .addOption(new Option('--in-memory', 'keep state in memory only (artifacts in a temp folder removed at stop)').env('HOKUSAI_EMULATOR_IN_MEMORY'))
    .addOption(new Option('--seed <file>', 'a store document (JSON) to start from when the store is empty').env('HOKUSAI_EMULATOR_SEED'))
    .addOption(new Option('--log-level <level>', 'log verbosity').choices(LOG_LEVELS).env('HOKUSAI_EMULATOR_LOG_LEVEL').default(DEFAULTS.logLevel));
}

export function parseOptions(argv: string[]): EmulatorOptions {
  const program = buildProgram();
  program.parse(argv);
  const o = program.opts();
  return {
    host: o.host,
    apiPort: o.apiPort,
    mlflowPort: o.mlflowPort,
    dataDir: o.dataDir,
    inMemory: o.inMemory === true || o.inMemory === 'true' || o.inMemory === '1',
    seed: o.seed,
    logLevel: o.logLevel,
  };
}
