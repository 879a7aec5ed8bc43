#!/usr/bin/env node
import path from 'node:path';
import { parseOptions } from './cli-options.js';
import { PortInUseError, startEmulator, type RunningEmulator } from './emulator.js';

function banner(e: RunningEmulator): string {
  const where = e.config.inMemory ? 'in memory (nothing is kept after stop)' : path.resolve(e.config.dataDir, 'db.json');
  return [
    'hokusai-emulator is running',
    `  MLflow tracking server  ${e.mlflowUrl}   (Swagger UI ${e.mlflowUrl}/docs)`,
    `  Hokusai API             ${e.apiUrl}   (Swagger UI ${e.apiUrl}/docs)`,
    `  store                   ${where}`,
    '',
    'Point your clients at it:',
    `  export MLFLOW_TRACKING_URI=${e.mlflowUrl}`,
    `  export HOKUSAI_API_ENDPOINT=${e.apiUrl}`,
    '',
    'Ctrl-C stops it once pending writes are on disk.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv);
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator(options);
  } catch (err) {
    if (err instanceof PortInUseError) {
      process.stderr.write(`hokusai-emulator: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  process.stdout.write(banner(emulator));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping…\n`);
    emulator.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`hokusai-emulator: stop failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`hokusai-emulator: ${(err as Error)?.message ?? String(err)}\n`);
  process.exit(1);
});
