import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'store-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const now = () => 1_700_000_000_000;

describe('when the store is opened on an empty data dir', () => {
  test('then it holds only the Default experiment "0"', async () => {
    const store = await openStore({ dataDir: dir, inMemory: false, now });
    expect(Object.keys(store.data.experiments)).toEqual(['0']);
    expect(store.data.experiments['0'].name).toBe('Default');
  });
});

describe('when update() resolves', () => {
  test('then the change is already in db.json, and no temp file is left behind', async () => {
    const store = await openStore({ dataDir: dir, inMemory: false, now });
    await store.update((s) => {
      s.next_experiment_id = 42;
    });
    const onDisk = JSON.parse(readFileSync(path.join(dir, 'db.json'), 'utf8'));
    expect(onDisk.next_experiment_id).toBe(42);
    expect(readdirSync(dir)).toEqual(['db.json']);
  });

  test('then a store reopened on the same dir serves the change', async () => {
    const first = await openStore({ dataDir: dir, inMemory: false, now });
    await first.update((s) => {
      s.experiments['0'].tags.kept = 'yes';
    });
    const second = await openStore({ dataDir: dir, inMemory: false, now });
    expect(second.data.experiments['0'].tags).toEqual({ kept: 'yes' });
  });

  test('then many concurrent updates all land on disk', async () => {
    const store = await openStore({ dataDir: dir, inMemory: false, now });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.update((s) => {
          s.experiments['0'].tags[`k${i}`] = String(i);
        }),
      ),
    );
    const onDisk = JSON.parse(readFileSync(path.join(dir, 'db.json'), 'utf8'));
    expect(Object.keys(onDisk.experiments['0'].tags)).toHaveLength(50);
  });
});

describe('when the update function throws', () => {
  test('then the error reaches the caller and nothing is written', async () => {
    const store = await openStore({ dataDir: dir, inMemory: false, now });
    await expect(
      store.update(() => {
        throw new Error('rejected');
      }),
    ).rejects.toThrow('rejected');
    expect(existsSync(path.join(dir, 'db.json'))).toBe(false);
  });
});

describe('when the store is in memory', () => {
  test('then nothing is written to the data dir', async () => {
    const store = await openStore({ dataDir: dir, inMemory: true, now });
    await store.update((s) => {
      s.next_experiment_id = 7;
    });
    expect(store.data.next_experiment_id).toBe(7);
    expect(readdirSync(dir)).toEqual([]);
    expect(store.file).toBeNull();
  });
});

describe('when db.json holds something that is not a store', () => {
  test('then opening fails with a message naming the file, and the file is left untouched', async () => {
    const file = path.join(dir, 'db.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '{"half": ');
    await expect(openStore({ dataDir: dir, inMemory: false, now })).rejects.toThrow(`${file} cannot be read`);
    expect(readFileSync(file, 'utf8')).toBe('{"half": ');
  });
});
