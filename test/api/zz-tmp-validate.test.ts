// @ts-nocheck
import path from 'node:path';
import { startEmulator } from '../../src/emulator.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { loadTranscript } from '../helpers/replay.js';
import { responseValidator } from '../helpers/openapi-validator.js';

test('validate', async () => {
  const emu = await startEmulator({ apiPort: 0, mlflowPort: 0, inMemory: true, logLevel: 'silent' });
  const steps = loadTranscript(path.resolve('test/fixtures/conformance/mlflow-3.6/transcript.jsonl'));
  const validate = responseValidator(loadSpec('mlflow'));
  const captured = new Map();
  const lookup = (ref) => { const [s, ...parts] = ref.split('.'); let n = captured.get(s); for (const p of parts) n = n?.[p]; return n; };
  const fill = (t) => t.replace(/\{\{([^}]+)\}\}/g, (_m, r) => String(lookup(r)));
  const deep = (v) => typeof v === 'string' ? fill(v) : Array.isArray(v) ? v.map(deep) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)])) : v;
  const out = [];
  for (const s of steps) {
    const u = new URL(fill(s.path), emu.mlflowUrl);
    for (const [k, v] of Object.entries(s.query ?? {})) for (const i of Array.isArray(v) ? v : [v]) u.searchParams.append(k, fill(i));
    let body;
    if (s.body && s.body.$raw) body = s.body.$raw; else if (s.body && s.body.$base64) body = Buffer.from(s.body.$base64, 'base64'); else if (s.body !== null) body = JSON.stringify(deep(s.body));
    const res = await fetch(u, { method: s.method, headers: s.headers ?? {}, body });
    const ct = (res.headers.get('content-type') ?? '').split(';')[0];
    const text = await res.text();
    let parsed; try { parsed = JSON.parse(text); captured.set(s.name, parsed); } catch {}
    if (!/\/runs\/|\/metrics\//.test(s.path)) continue;
    const errs = validate(s.method, u.pathname, res.status, ct, parsed);
    if (errs.length) out.push(`${s.name}: ${errs.join('; ')}`);
  }
  await emu.stop();
  console.log(out.join('\n') || 'ALL VALID');
}, 60000);
