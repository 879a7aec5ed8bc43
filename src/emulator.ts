import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createApiApp } from './apps/api-app.js';
import { createMlflowApp } from './apps/mlflow-app.js';
import { resolveConfig, type EmulatorConfig, type EmulatorOptions } from './config.js';
import { createLogger, randomIds, systemClock, type Deps } from './context.js';
import { isEmptyState, readSeed } from './store/seed.js';
import { openStore } from './store/store.js';

export interface RunningEmulator {
  mlflowUrl: string;
  apiUrl: string;
  config: EmulatorConfig;
  deps: Deps;
  /** Stops both listeners once every pending write is on disk. */
  stop(): Promise<void>;
}

/** A listen error that names the port and the flag that sets it. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly flag: string,
  ) {
    super(`port ${port} is already in use: choose another with ${flag}`);
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const config = resolveConfig(options);
  const log = createLogger(config.logLevel);
  const store = await openStore({ dataDir: config.dataDir, inMemory: config.inMemory, now: systemClock.now });
  if (config.seed) {
    const seed = readSeed(config.seed);
    if (isEmptyState(store.data)) await store.replace(seed);
  }
  const tempArtifacts = config.inMemory ? mkdtempSync(path.join(os.tmpdir(), 'hokusai-emulator-')) : null;
  const artifactRoot = tempArtifacts ?? path.resolve(config.dataDir, 'artifacts');
  const deps: Deps = { store, clock: systemClock, ids: randomIds, log, artifactRoot };

  const mlflowServer = await listen(createMlflowApp(deps), config.host, config.mlflowPort, '--mlflow-port');
  let apiServer: Server;
  try {
    apiServer = await listen(createApiApp(deps), config.host, config.apiPort, '--api-port');
  } catch (err) {
    await close(mlflowServer);
    throw err;
  }
  const url = (server: Server) => `http://${hostForUrl(config.host)}:${(server.address() as AddressInfo).port}`;
  let stopped: Promise<void> | null = null;
  return {
    mlflowUrl: url(mlflowServer),
    apiUrl: url(apiServer),
    config,
    deps,
    stop() {
      stopped ??= (async () => {
        await Promise.all([close(mlflowServer), close(apiServer)]);
        await store.flush();
        if (tempArtifacts) rmSync(tempArtifacts, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function listen(app: import('express').Express, host: string, port: number, flag: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new PortInUseError(port, flag) : err);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
