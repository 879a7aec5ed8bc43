import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Low, Memory } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { EmulatorState } from './schema.js';
import { initialState } from './initial-state.js';

/**
 * All emulator state. Reads see the live document; a mutation is one `update(fn)` that resolves
 * once the change is durable (lowdb's JSONFile writes a temp file and renames it over db.json).
 * `fn` must validate before it mutates: a throw leaves the document as it was.
 */
export interface Store {
  readonly data: EmulatorState;
  update<T>(fn: (state: EmulatorState) => T): Promise<T>;
  replace(state: EmulatorState): Promise<void>;
  /** Resolves once every write started so far is on disk. */
  flush(): Promise<void>;
  readonly file: string | null;
}

export interface StoreOptions {
  dataDir: string;
  inMemory: boolean;
  now: () => number;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const fresh = initialState(options.now());
  const file = options.inMemory ? null : path.join(options.dataDir, 'db.json');
  if (file) mkdirSync(options.dataDir, { recursive: true });
  const adapter = file ? new DataFile<EmulatorState>(file, { parse: JSON.parse, stringify: (d) => JSON.stringify(d) }) : new Memory<EmulatorState>();
  const db = new Low<EmulatorState>(adapter, fresh);
  try {
    await db.read();
  } catch (err) {
    // Never overwrite a file we cannot read: the user's data may still be recoverable.
    throw new Error(`${file} cannot be read (${(err as Error).message}); move it away or fix it, then start again`);
  }
  if (!db.data || typeof db.data !== 'object') db.data = fresh;
  if (db.data.schema_version !== 1) throw new Error(`${file} is not a hokusai-emulator store (schema_version 1)`);
  // Writes are coalesced: while one is on its way to disk, every change made meanwhile waits for the
  // single next write, which serialises the document once with all of them.
  let inFlight: Promise<void> = Promise.resolve();
  let next: Promise<void> | null = null;
  const write = (): Promise<void> => {
    next ??= inFlight
      .catch(() => undefined)
      .then(() => {
        next = null;
        inFlight = db.write();
        return inFlight;
      });
    return next;
  };

  return {
    get data() {
      return db.data;
    },
    get file() {
      return file;
    },
    async update<T>(fn: (state: EmulatorState) => T): Promise<T> {
      const result = fn(db.data);
      await write();
      return result;
    },
    async replace(state: EmulatorState) {
      db.data = state;
      await write();
    },
    async flush() {
      await (next ?? inFlight);
    },
  };
}
