import { randomBytes } from 'node:crypto';
import type { Store } from './store/store.js';

export interface Clock {
  now(): number;
}

export interface Ids {
  /** 32 lowercase hex characters, like a uuid4 hex. */
  hex32(): string;
}

export type LogLevel = 'error' | 'warn' | 'info' | 'debug' | 'silent';

export interface Logger {
  error(msg: string): void;
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
}

/** What every backend and route may use; domain code takes time and ids only from here. */
export interface Deps {
  store: Store;
  clock: Clock;
  ids: Ids;
  log: Logger;
  /** Root folder of artifact files (`<data dir>/artifacts`). */
  artifactRoot: string;
}

export const systemClock: Clock = { now: () => Date.now() };

export const randomIds: Ids = { hex32: () => randomBytes(16).toString('hex') };

const LEVELS: LogLevel[] = ['silent', 'error', 'warn', 'info', 'debug'];

export function createLogger(level: LogLevel, sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Logger {
  const rank = LEVELS.indexOf(level);
  const at = (l: LogLevel) => (msg: string) => {
    if (LEVELS.indexOf(l) <= rank) sink(`[${l}] ${msg}`);
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
