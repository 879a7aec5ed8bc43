import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../src/emulator.js';

const SEED = path.resolve('data/seed/demo.json');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'seed-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const get = async (base: string, p: string) => {
  const res = await fetch(`${base}/api/2.0/mlflow${p}`);
  return { status: res.status, body: (await res.json()) as any };
};

describe('when the emulator starts with --seed on an empty store', () => {
  test('then the seeded experiment, runs and aliased model version are served', async () => {
    const e = await startEmulator({ apiPort: 0, mlflowPort: 0, dataDir: dir, seed: SEED, logLevel: 'silent' });
    try {
      const exp = await get(e.mlflowUrl, '/experiments/get-by-name?experiment_name=demo');
      expect(exp.body.experiment).toMatchObject({ name: 'demo', tags: [{ key: 'team', value: 'hokusai' }] });
      const alias = await get(e.mlflowUrl, '/registered-models/alias?name=demo-model&alias=champion');
      expect(alias.body.model_version).toMatchObject({ name: 'demo-model', version: '1', current_stage: 'Staging', aliases: ['champion'] });
      const runRes = await fetch(`${e.mlflowUrl}/api/2.0/mlflow/runs/search`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ experiment_ids: [exp.body.experiment.experiment_id], order_by: ['params.lr ASC'] }),
      });
      const runs = ((await runRes.json()) as any).runs;
      // params are strings: '0.01' sorts before '0.1'
      expect(runs.map((r: any) => [r.info.run_name, r.data.params[0].value, r.info.status])).toEqual([
        ['demo-run-2', '0.01', 'FINISHED'],
        ['demo-run-1', '0.1', 'FINISHED'],
      ]);
    } finally {
      await e.stop();
    }
  });
});

describe('when the store already holds data', () => {
  test('then the seed does not overwrite it', async () => {
    const first = await startEmulator({ apiPort: 0, mlflowPort: 0, dataDir: dir, logLevel: 'silent' });
    await fetch(`${first.mlflowUrl}/api/2.0/mlflow/experiments/create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'mine' }),
    });
    await first.stop();
    const second = await startEmulator({ apiPort: 0, mlflowPort: 0, dataDir: dir, seed: SEED, logLevel: 'silent' });
    try {
      expect((await get(second.mlflowUrl, '/experiments/get-by-name?experiment_name=mine')).status).toBe(200);
      expect((await get(second.mlflowUrl, '/experiments/get-by-name?experiment_name=demo')).status).toBe(404);
    } finally {
      await second.stop();
    }
  });
});

describe('when the seed file is not a store document', () => {
  test('then the start fails with a message naming the file', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"experiments": {}}');
    await expect(startEmulator({ apiPort: 0, mlflowPort: 0, inMemory: true, seed: bad, logLevel: 'silent' })).rejects.toThrow(
      `seed ${bad} is not a hokusai-emulator store document`,
    );
  });
});
