import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildCli, CLI, exitOf, freePort, startCli } from '../helpers/cli-process.js';

let dataDir: string;

beforeAll(buildCli, 120_000);
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'cli-test-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('when a user asks for --help', () => {
  test('then every flag is listed with its environment variable', () => {
    const help = execFileSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    for (const flag of ['--host', '--api-port', '--mlflow-port', '--data-dir', '--in-memory', '--seed', '--log-level']) {
      expect(help).toContain(flag);
    }
    expect(help).toContain('HOKUSAI_EMULATOR_MLFLOW_PORT');
  });
});

describe('when the emulator starts', () => {
  test('then it prints the URLs, the Swagger UI address and the export lines, and serves MLflow there', async () => {
    const [mlflowPort, apiPort] = [await freePort(), await freePort()];
    const { child, out } = await startCli(['--mlflow-port', String(mlflowPort), '--api-port', String(apiPort), '--data-dir', dataDir]);
    try {
      expect(out).toContain(`export MLFLOW_TRACKING_URI=http://127.0.0.1:${mlflowPort}`);
      expect(out).toContain(`export HOKUSAI_API_ENDPOINT=http://127.0.0.1:${apiPort}`);
      expect(out).toContain(`http://127.0.0.1:${mlflowPort}/docs`);
      const res = await fetch(`http://127.0.0.1:${mlflowPort}/health`);
      expect(await res.text()).toBe('OK');
    } finally {
      child.kill('SIGTERM');
      await exitOf(child);
    }
  });

  test('then what was written before SIGTERM is served after a restart', async () => {
    const [mlflowPort, apiPort] = [await freePort(), await freePort()];
    const args = ['--mlflow-port', String(mlflowPort), '--api-port', String(apiPort), '--data-dir', dataDir];
    const first = await startCli(args);
    const created = await fetch(`http://127.0.0.1:${mlflowPort}/api/2.0/mlflow/experiments/create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'survives-restart' }),
    });
    const { experiment_id } = (await created.json()) as { experiment_id: string };
    first.child.kill('SIGTERM');
    expect(await exitOf(first.child)).toBe(0);

    const second = await startCli(args);
    try {
      const res = await fetch(`http://127.0.0.1:${mlflowPort}/api/2.0/mlflow/experiments/get?experiment_id=${experiment_id}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { experiment: { name: string } }).experiment.name).toBe('survives-restart');
    } finally {
      second.child.kill('SIGINT');
      expect(await exitOf(second.child)).toBe(0);
    }
  });
});

describe('when the port is taken', () => {
  test('then a one-line error names the port and the flag, and the exit code is 1', async () => {
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as net.AddressInfo).port)));
    try {
      const child = spawn(process.execPath, [CLI, '--mlflow-port', String(port), '--api-port', '0', '--in-memory'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr!.on('data', (d) => (err += d));
      expect(await exitOf(child)).toBe(1);
      expect(err.trim().split('\n')).toEqual([`hokusai-emulator: port ${port} is already in use: choose another with --mlflow-port`]);
    } finally {
      blocker.close();
    }
  });
});
