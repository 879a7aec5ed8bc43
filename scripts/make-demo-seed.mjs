#!/usr/bin/env node
// Writes data/seed/demo.json: a small store (an experiment with two runs, a registered model with a
// staged, aliased version) to start the emulator from with `--seed data/seed/demo.json`.
// Usage: npm run build && node scripts/make-demo-seed.mjs
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../dist/src/emulator.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hokusai-seed-'));
const emulator = await startEmulator({ apiPort: 0, mlflowPort: 0, dataDir, logLevel: 'silent' });
const call = async (method, p, body) => {
  const res = await fetch(`${emulator.mlflowUrl}/api/2.0/mlflow${p}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
};

const { experiment_id } = await call('POST', '/experiments/create', { name: 'demo', tags: [{ key: 'team', value: 'hokusai' }] });
const start = Date.UTC(2026, 0, 1);
let champion;
for (const [i, lr] of ['0.1', '0.01'].entries()) {
  const { run } = await call('POST', '/runs/create', { experiment_id, run_name: `demo-run-${i + 1}`, start_time: start + i * 60_000, user_id: 'demo' });
  const run_id = run.info.run_id;
  const metrics = [0, 1, 2].map((step) => ({ key: 'loss', value: Number((1 / (step + 2 + i)).toFixed(3)), timestamp: start + i * 60_000 + step * 1000, step }));
  await call('POST', '/runs/log-batch', { run_id, params: [{ key: 'lr', value: lr }], metrics, tags: [{ key: 'stage', value: 'demo' }] });
  await call('POST', '/runs/update', { run_id, status: 'FINISHED', end_time: start + i * 60_000 + 5000 });
  champion = run_id;
}
await call('POST', '/registered-models/create', { name: 'demo-model', description: 'A model registered from the demo seed' });
const { model_version } = await call('POST', '/model-versions/create', { name: 'demo-model', source: `runs:/${champion}/model`, run_id: champion });
await call('POST', '/model-versions/transition-stage', { name: 'demo-model', version: model_version.version, stage: 'Staging', archive_existing_versions: false });
await call('POST', '/registered-models/alias', { name: 'demo-model', alias: 'champion', version: model_version.version });
await emulator.stop();

const target = path.resolve('data/seed/demo.json');
writeFileSync(target, `${JSON.stringify(JSON.parse(readFileSync(path.join(dataDir, 'db.json'), 'utf8')), null, 2)}\n`);
rmSync(dataDir, { recursive: true, force: true });
console.log(`wrote ${target}`);
