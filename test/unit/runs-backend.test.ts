import { randomBytes } from 'node:crypto';
import { readBatch } from '../../src/mlflow/log-batch.js';
import { pyFloat, pyRepr, pythonJsonDumps } from '../../src/errors/python-text.js';
import { randomRunName } from '../../src/mlflow/run-names.js';
import { appendToUriPath } from '../../src/mlflow/runs.js';

describe('when a random run name is drawn', () => {
  test('then it always matches adjective-animal-NNN and fits in 20 characters', () => {
    const ids = { hex32: () => randomBytes(16).toString('hex') };
    for (let i = 0; i < 2000; i += 1) {
      const name = randomRunName(ids);
      expect(name).toMatch(/^[a-z]+-[a-z]+-\d{1,4}$/);
      expect(name.length).toBeLessThanOrEqual(20);
    }
  });

  test('then the same ids give the same name', () => {
    const fixed = { hex32: () => '0123456789abcdef0123456789abcdef' };
    expect(randomRunName(fixed)).toBe(randomRunName(fixed));
  });
});

describe('when a run artifact URI is built from the experiment location', () => {
  test.each([
    ['mlflow-artifacts:/1', 'mlflow-artifacts:/1/r/artifacts'],
    ['s3://bucket/prefix/', 's3://bucket/prefix/r/artifacts'],
    ['/tmp/conf-art', '/tmp/conf-art/r/artifacts'],
    ['file:///abs/root/3', 'file:///abs/root/3/r/artifacts'],
    ['s3://bucket/p?versionId=1', 's3://bucket/p/r/artifacts?versionId=1'],
  ])('then %s gives %s', (location, uri) => {
    expect(appendToUriPath(location, 'r', 'artifacts')).toBe(uri);
  });
});

describe('when values are printed the way Python prints them in messages', () => {
  test.each([
    [1, '1.0'],
    [0.5, '0.5'],
    [1e16, '1e+16'],
    [0.00001, '1e-05'],
    [Number.NaN, 'nan'],
    [Number.NEGATIVE_INFINITY, '-inf'],
  ])('then the float %p is %s', (value, text) => {
    expect(pyFloat(value)).toBe(text);
  });

  test("then lists of str and dicts use single quotes (double quotes when the text holds a ')", () => {
    expect(pyRepr(['dp', "it's"])).toBe(`['dp', "it's"]`);
    expect(pyRepr([{ key: 'bp', old_value: '1', new_value: '2' }])).toBe("[{'key': 'bp', 'old_value': '1', 'new_value': '2'}]");
  });
});

describe('when batch items are read from the raw request', () => {
  test('then a field that does not parse is left at its default, and the others are kept', () => {
    const batch = readBatch({
      metrics: [{ key: 'm', value: 'abc', timestamp: '5', step: 1.5, model_id: 'm-1' }],
      params: [{ key: 'p', value: 5 }],
      tags: [{ key: 't' }],
    });
    expect(batch).toEqual({
      metrics: [{ key: 'm', value: 0, timestamp: 5, step: 0, model_id: 'm-1' }],
      params: [{ key: 'p', value: '' }],
      tags: [{ key: 't', value: '' }],
    });
  });

  test('then a missing key, value or timestamp names its item', () => {
    expect(() => readBatch({ metrics: [{ key: 'a', value: 1, timestamp: 1 }, { key: 'b', value: '', timestamp: 1 }] })).toThrow(
      "Missing value for required parameter 'metrics[1].value'.",
    );
    expect(() => readBatch({ tags: [{ key: '' }] })).toThrow("Missing value for required parameter 'tags[0].key'.");
  });
});

describe('when the log-model history is written', () => {
  test("then it is Python's default json.dumps: spaced separators, keys in order, ASCII only", () => {
    expect(pythonJsonDumps([{ b: 1, a: 'é', f: 0.5, n: null, l: [true] }])).toBe('[{"b": 1, "a": "\\u00e9", "f": 0.5, "n": null, "l": [true]}]');
  });
});
