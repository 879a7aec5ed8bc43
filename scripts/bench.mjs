#!/usr/bin/env node
// Load benchmark of the MLflow listener on the on-disk JSON store. Prints requests/s and latencies.
// Usage: npm run build && node scripts/bench.mjs [seconds-per-scenario (default 5)]
// Traffic goes only to 127.0.0.1, and every scenario stops by itself after its duration.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startEmulator } from '../dist/src/emulator.js';

const seconds = Number(process.argv[2] ?? 5);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hokusai-bench-'));
const emulator = await startEmulator({ apiPort: 0, mlflowPort: 0, dataDir, logLevel: 'silent' });
const base = emulator.mlflowUrl;
const post = async (p, body) => (await fetch(`${base}${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();

const { experiment_id } = await post('/api/2.0/mlflow/experiments/create', { name: 'bench' });
const { run } = await post('/api/2.0/mlflow/runs/create', { experiment_id, start_time: Date.now() });
const runId = run.info.run_id;
for (let i = 0; i < 50; i += 1) await post('/api/2.0/mlflow/runs/create', { experiment_id, start_time: Date.now() + i });

let counter = 0;
const json = { 'Content-Type': 'application/json' };
const scenarios = [
  ['GET runs/get', { method: 'GET', path: `/api/2.0/mlflow/runs/get?run_id=${runId}` }],
  ['POST runs/log-metric (a new point each time)', {
    method: 'POST', path: '/api/2.0/mlflow/runs/log-metric', headers: json,
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ run_id: runId, key: 'loss', value: Math.random(), timestamp: Date.now(), step: (counter += 1) }) }),
  }],
  ['POST runs/log-batch (100 metrics)', {
    method: 'POST', path: '/api/2.0/mlflow/runs/log-batch', headers: json,
    setupRequest: (req) => {
      counter += 1;
      const metrics = Array.from({ length: 100 }, (_, i) => ({ key: `m${i}`, value: i, timestamp: Date.now(), step: counter }));
      return { ...req, body: JSON.stringify({ run_id: runId, metrics }) };
    },
  }],
  ['POST runs/search (51 runs, filter + order)', {
    method: 'POST', path: '/api/2.0/mlflow/runs/search', headers: json,
    body: JSON.stringify({ experiment_ids: [experiment_id], filter: "attributes.status = 'RUNNING'", order_by: ['start_time DESC'], max_results: 100 }),
  }],
];

console.log(`hokusai-emulator benchmark: ${seconds} s per scenario, 10 connections, on-disk store (${dataDir})`);
for (const [name, request] of scenarios) {
  const result = await autocannon({ url: base, connections: 10, duration: seconds, requests: [request] });
  const non2xx = result.non2xx + result.errors;
  console.log(`${name.padEnd(46)} ${result.requests.average.toFixed(0).padStart(6)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   failures ${non2xx}`);
}
console.log(`db.json after the run: ${(statSync(path.join(dataDir, 'db.json')).size / 1e6).toFixed(1)} MB`);
await emulator.stop();
rmSync(dataDir, { recursive: true, force: true });
