import { startEmulator, type RunningEmulator } from '../../src/emulator.js';

/** A small fetch client for the registry tests: JSON in, status and parsed body out. */
export interface Answer {
  status: number;
  contentType: string;
  body: any;
}

export interface RegistryClient {
  emulator: RunningEmulator;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  get(path: string, query?: Record<string, string | string[]>): Promise<Answer>;
  post(path: string, body: unknown): Promise<Answer>;
  patch(path: string, body: unknown): Promise<Answer>;
  del(path: string, body: unknown): Promise<Answer>;
  stop(): Promise<void>;
}

export const API = '/api/2.0/mlflow';

export async function startRegistryClient(): Promise<RegistryClient> {
  const emulator = await startEmulator({ apiPort: 0, mlflowPort: 0, inMemory: true, logLevel: 'silent' });
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      if (!('Content-Type' in headers)) (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    }
    const res = await fetch(`${emulator.mlflowUrl}${path}`, init);
    const text = await res.text();
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0];
    return { status: res.status, contentType, body: contentType === 'application/json' ? JSON.parse(text) : text };
  };
  return {
    emulator,
    call,
    get: (path, query = {}) => {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) for (const item of Array.isArray(v) ? v : [v]) search.append(k, item);
      const qs = search.toString();
      return call('GET', `${API}${path}${qs ? `?${qs}` : ''}`);
    },
    post: (path, body) => call('POST', `${API}${path}`, body),
    patch: (path, body) => call('PATCH', `${API}${path}`, body),
    del: (path, body) => call('DELETE', `${API}${path}`, body),
    stop: () => emulator.stop(),
  };
}

export const pause = (ms = 3) => new Promise((resolve) => setTimeout(resolve, ms));

/** `{error_code, message}` as a user sees it. */
export const error = (error_code: string, message: string) => ({ error_code, message });
