import http from 'node:http';
import { startEmulator, type RunningEmulator } from '../../src/emulator.js';

/** A small HTTP client for the artifact and logged-model tests. */
export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  contentType: string;
  text: string;
  bytes: Buffer;
  body: any;
}

export const API = '/api/2.0/mlflow';
export const PROXY = '/api/2.0/mlflow-artifacts/artifacts';

export interface TestClient {
  emulator: RunningEmulator;
  /** A request through a raw socket: the path is sent exactly as written (no `..` or `%2e` normalising). */
  raw(method: string, path: string, body?: Buffer | string, headers?: Record<string, string>): Promise<Reply>;
  json(method: string, path: string, body?: unknown): Promise<Reply>;
  get(path: string, query?: Record<string, string>): Promise<Reply>;
  put(path: string, data: Buffer | string, contentType?: string): Promise<Reply>;
  newRun(experimentName: string): Promise<{ experimentId: string; runId: string; artifactUri: string }>;
  stop(): Promise<void>;
}

function toReply(res: http.IncomingMessage, bytes: Buffer): Reply {
  const contentType = (res.headers['content-type'] ?? '').split(';')[0].trim();
  const text = bytes.toString('utf8');
  let body: unknown;
  if (contentType === 'application/json') body = JSON.parse(text);
  return { status: res.statusCode ?? 0, headers: res.headers, contentType, text, bytes, body };
}

export async function startTestClient(): Promise<TestClient> {
  const emulator = await startEmulator({ apiPort: 0, mlflowPort: 0, inMemory: true, logLevel: 'silent' });
  const base = new URL(emulator.mlflowUrl);
  const raw = (method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const req = http.request({ host: base.hostname, port: base.port, method, path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(toReply(res, Buffer.concat(chunks))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  const json = (method: string, path: string, body?: unknown) =>
    raw(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? {} : { 'Content-Type': 'application/json' });
  const get = (path: string, query: Record<string, string> = {}) => {
    const qs = new URLSearchParams(query).toString();
    return raw('GET', qs ? `${path}?${qs}` : path);
  };
  const put = (path: string, data: Buffer | string, contentType = 'application/octet-stream') =>
    raw('PUT', path, data, { 'Content-Type': contentType });
  const newRun = async (experimentName: string) => {
    const exp = await json('POST', `${API}/experiments/create`, { name: experimentName });
    if (exp.status !== 200) throw new Error(`experiments/create: ${exp.text}`);
    const run = await json('POST', `${API}/runs/create`, { experiment_id: exp.body.experiment_id });
    if (run.status !== 200) throw new Error(`runs/create: ${run.text}`);
    return { experimentId: exp.body.experiment_id as string, runId: run.body.run.info.run_id as string, artifactUri: run.body.run.info.artifact_uri as string };
  };
  return { emulator, raw, json, get, put, newRun, stop: () => emulator.stop() };
}

export const invalidPath = { error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid path' };
