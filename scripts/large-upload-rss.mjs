#!/usr/bin/env node
// Streams a large artifact through the emulator's artifact proxy and reports the server's memory.
//
//   npm run build && node scripts/large-upload-rss.mjs [size-in-MB, default 500]
//
// The emulator runs in a child process (so the client's buffers do not count) and reports its
// `process.memoryUsage().rss` every 50 ms. The client PUTs the body from a generator (one 1 MB chunk
// reused, never the whole body in memory), then downloads it back streamed and checks its length.

import { fork } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const MB = 1024 * 1024;

if (process.argv[2] === '--server') {
  const { startEmulator } = await import('../dist/src/emulator.js');
  const emulator = await startEmulator({ apiPort: 0, mlflowPort: 0, inMemory: true, logLevel: 'silent' });
  const report = () => process.send?.({ rss: process.memoryUsage().rss });
  setInterval(report, 50).unref();
  process.send?.({ url: emulator.mlflowUrl, rss: process.memoryUsage().rss });
  process.on('message', async (msg) => {
    if (msg === 'stop') {
      await emulator.stop();
      process.exit(0);
    }
  });
} else {
  const sizeMb = Number(process.argv[2] ?? 500);
  const child = fork(fileURLToPath(import.meta.url), ['--server'], { stdio: 'inherit' });
  let phase = 'idle';
  const peaks = { idle: 0, upload: 0, download: 0 };
  const url = await new Promise((resolve, reject) => {
    child.on('message', (msg) => {
      if (msg.rss) peaks[phase] = Math.max(peaks[phase], msg.rss);
      if (msg.url) resolve(msg.url);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  await new Promise((r) => setTimeout(r, 300));

  const target = `${url}/api/2.0/mlflow-artifacts/artifacts/0/rss-run/artifacts/big.bin`;
  const chunk = Buffer.alloc(MB, 0x5a);
  async function* body() {
    for (let i = 0; i < sizeMb; i += 1) yield chunk;
  }

  phase = 'upload';
  let t0 = performance.now();
  const put = await fetch(target, { method: 'PUT', body: Readable.from(body()), duplex: 'half', headers: { 'Content-Type': 'application/octet-stream' } });
  if (put.status !== 200) throw new Error(`PUT answered ${put.status}: ${await put.text()}`);
  await put.text();
  const uploadSec = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 200));

  phase = 'download';
  t0 = performance.now();
  const get = await fetch(target);
  if (get.status !== 200) throw new Error(`GET answered ${get.status}`);
  let received = 0;
  for await (const part of get.body) received += part.length;
  const downloadSec = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 200));
  if (received !== sizeMb * MB) throw new Error(`downloaded ${received} bytes, expected ${sizeMb * MB}`);

  const mb = (n) => (n / MB).toFixed(1);
  console.log(`artifact size:            ${sizeMb} MB`);
  console.log(`server RSS before:        ${mb(peaks.idle)} MB`);
  console.log(`server RSS peak, upload:   ${mb(peaks.upload)} MB  (${(sizeMb / uploadSec).toFixed(0)} MB/s, ${uploadSec.toFixed(2)} s)`);
  console.log(`server RSS peak, download: ${mb(peaks.download)} MB  (${(sizeMb / downloadSec).toFixed(0)} MB/s, ${downloadSec.toFixed(2)} s)`);
  child.send('stop');
}
