import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCli, freePort, startCli } from '../helpers/cli-process.js';

/** Kill -9 in the middle of a stream of writes: every acknowledged write is there after a restart. */
let dataDir: string;

beforeAll(buildCli, 120_000);
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'crash-test-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

test('when the process is killed with SIGKILL during concurrent writes, then db.json is whole and holds every acknowledged write', async () => {
  const [mlflowPort, apiPort] = [await freePort(), await freePort()];
  const args = ['--mlflow-port', String(mlflowPort), '--api-port', String(apiPort), '--data-dir', dataDir];
  const base = `http://127.0.0.1:${mlflowPort}/api/2.0/mlflow`;
  const { child } = await startCli([...args, '--log-level', 'silent']);
  const acknowledged: string[] = [];
  const create = async (i: number) => {
    try {
      const res = await fetch(`${base}/experiments/create`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: `exp-${i}`, tags: [{ key: 'payload', value: 'x'.repeat(2000) }] }),
      });
      if (res.status === 200) acknowledged.push(`exp-${i}`);
    } catch {
      // the connection died with the process: not acknowledged
    }
  };
  const writers = Array.from({ length: 8 }, async (_, w) => {
    for (let i = w; i < 4000; i += 8) await create(i);
  });
  await new Promise((r) => setTimeout(r, 700));
  child.kill('SIGKILL');
  await Promise.all(writers);
  expect(acknowledged.length).toBeGreaterThan(10);

  const onDisk = JSON.parse(readFileSync(path.join(dataDir, 'db.json'), 'utf8'));
  const names = new Set(Object.values(onDisk.experiments as Record<string, { name: string }>).map((e) => e.name));
  expect(acknowledged.filter((n) => !names.has(n))).toEqual([]);

  const { child: again } = await startCli(args);
  try {
    const res = await fetch(`${base}/experiments/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ max_results: 50000 }),
    });
    const served = new Set(((await res.json()) as { experiments: { name: string }[] }).experiments.map((e) => e.name));
    expect(acknowledged.filter((n) => !served.has(n))).toEqual([]);
  } finally {
    again.kill('SIGTERM');
  }
}, 60_000);
