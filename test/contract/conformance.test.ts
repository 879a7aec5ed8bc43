import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { responseValidator } from '../helpers/openapi-validator.js';
import { loadTranscript, replay, type Step, type StepResult } from '../helpers/replay.js';

const transcript = loadTranscript(path.resolve('test/fixtures/conformance/mlflow-3.6/transcript.jsonl'));

const REGISTRY_OR_ARTIFACT = /registered-models|model-versions|mlflow-artifacts|artifacts\/list|get-artifact|logged-models|runs\/outputs/;
const isRegistryOrArtifact = (s: Step) => REGISTRY_OR_ARTIFACT.test(s.path) || s.name.startsWith('lm-');

let emulator: RunningEmulator;
let results: StepResult[];

beforeAll(async () => {
  emulator = await startEmulator({ apiPort: 0, mlflowPort: 0, inMemory: true, logLevel: 'silent' });
  results = await replay(emulator.mlflowUrl, transcript);
  const matching = results.filter((r) => r.ok).length;
  const failing = results.filter((r) => !r.ok);
  const lines = failing.map((r) => `  ${r.step.known_server_bug ? '(known server bug) ' : ''}${r.step.name}: ${r.differences.slice(0, 3).join('; ')}`);
  console.log(`conformance: ${matching}/${results.length} steps match the real MLflow 3.6 server\n${lines.join('\n')}`);
}, 120_000);

afterAll(async () => {
  await emulator?.stop();
});

/** Every step is enforced except those where the real server has a plain bug (the README lists what we answer). */
const enforced = transcript.filter((s) => !s.known_server_bug);

test('the transcript holds 325 steps, 11 of them known server bugs', () => {
  expect([transcript.length, transcript.length - enforced.length]).toEqual([325, 11]);
});

test.each(enforced.map((s) => [isRegistryOrArtifact(s) ? 'registry/artifact' : 'tracking', s.name]))('%s step %s answers as the real server', (_kind, name) => {
  const result = results.find((r) => r.step.name === name)!;
  expect(result.differences).toEqual([]);
});

test('every answer of the replay conforms to the OpenAPI document', () => {
  const validate = responseValidator(loadSpec('mlflow'));
  const routed = (r: StepResult) => r.actual.contentType !== 'text/html' || ![404, 405].includes(r.actual.status);
  const problems = results
    .filter(routed)
    .flatMap((r) =>
      validate(r.actual.method, decodeURIComponent(r.actual.path), r.actual.status, r.actual.contentType, r.actual.body).map((p) => `${r.step.name}: ${p}`),
    );
  expect(problems).toEqual([]);
});
