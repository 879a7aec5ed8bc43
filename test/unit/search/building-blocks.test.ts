/** The small pieces: latest metric point, SQL comparisons, page tokens, Python reprs, shlex. */
import { describe, expect, it } from '@jest/globals';
import { decodePageToken, encodePageToken, latestPoint } from '../../../src/mlflow/search/index.js';
import { compareSqlite, compareText, sqlIlike, sqlLike } from '../../../src/mlflow/search/comparators.js';
import { shlexSplit } from '../../../src/mlflow/search/order-by.js';
import { PyTuple, pyFloat, pyRepr, pyStr } from '../../../src/errors/python-text.js';
import type { MetricPoint } from '../../../src/store/schema.js';

describe('latestPoint', () => {
  const p = (value: number, step: number, timestamp: number, is_nan?: boolean): MetricPoint => ({ value, step, timestamp, is_nan });

  it('takes the greatest (step, timestamp, value), not the last logged', () => {
    expect(latestPoint([p(1, 2, 10), p(5, 1, 99), p(3, 2, 10)])).toEqual(p(3, 2, 10));
    expect(latestPoint([p(1, 0, 20), p(2, 0, 10)])).toEqual(p(1, 0, 20));
    expect(latestPoint([])).toBeUndefined();
  });

  it('counts a NaN point as 0 and keeps the first of equal points', () => {
    const nan = p(0, 0, 5, true);
    expect(latestPoint([p(-1, 0, 5), nan])).toBe(nan);
    expect(latestPoint([p(0.5, 0, 5), nan])).toEqual(p(0.5, 0, 5));
    const zero = p(0, 0, 5);
    expect(latestPoint([zero, nan])).toBe(zero);
  });
});

describe('SQL comparisons', () => {
  it('LIKE is case-sensitive with % and _ wildcards and no escapes', () => {
    expect(sqlLike('renamed', 'ren%')).toBe(true);
    expect(sqlLike('renamed', 'REN%')).toBe(false);
    expect(sqlLike('a.c', 'a_c')).toBe(true);
    expect(sqlLike('abc', 'a_c')).toBe(true);
    expect(sqlLike('ac', 'a_c')).toBe(false);
    expect(sqlLike('a+b(c)', 'a+b(c)')).toBe(true);
    expect(sqlLike('line\nbreak', 'line%')).toBe(true);
    expect(sqlLike('x', '')).toBe(false);
  });

  it('ILIKE folds ASCII letters only, as SQLite lower() does', () => {
    expect(sqlIlike('Renamed', 'REN%')).toBe(true);
    expect(sqlIlike('ÉTÉ', 'été')).toBe(false);
  });

  it('compares numbers with numeric text, and numbers before other text', () => {
    expect(compareSqlite(2, '=', '2')).toBe(true);
    expect(compareSqlite(2, '<', '10')).toBe(true);
    expect(compareSqlite(2, '<', 'abc')).toBe(true);
    expect(compareSqlite(2, '=', 'abc')).toBe(false);
    expect(compareText('Default', 'conf')).toBe(-1);
    expect(compareText('\u{1F600}', '\uFFFF')).toBe(1);
  });
});

describe('page tokens', () => {
  it('are base64 of json.dumps({"offset": N})', () => {
    expect(encodePageToken(1)).toBe('eyJvZmZzZXQiOiAxfQ==');
    expect(decodePageToken(encodePageToken(1234))).toBe(1234);
    expect(decodePageToken(undefined)).toBe(0);
    expect(decodePageToken('')).toBe(0);
  });

  it('decode leniently, like base64.b64decode', () => {
    expect(decodePageToken('eyJvZmZz\nZXQiOiAxfQ==')).toBe(1);
    expect(() => decodePageToken('garbage')).toThrow('Invalid page token, could not base64-decode');
    expect(() => decodePageToken(encodePageToken(0))).toThrow("Invalid page token, parsed value={'offset': 0}");
  });
});

describe('Python reprs', () => {
  it('print strings, floats and tuples as Python does', () => {
    expect(pyStr("it's")).toBe('"it\'s"');
    expect(pyStr('a\\b')).toBe("'a\\\\b'");
    expect([pyFloat(1), pyFloat(1e16), pyFloat(1.5e-7), pyFloat(0.0001), pyFloat(123.456)]).toEqual([
      '1.0', '1e+16', '1.5e-07', '0.0001', '123.456',
    ]);
    expect(pyRepr(new PyTuple([1]))).toBe('(1,)');
    expect(pyRepr({ offset: [true, null, 'x'] })).toBe("{'offset': [True, None, 'x']}");
  });

  it('split like shlex.split', () => {
    expect(shlexSplit('metrics."my metric" DESC')).toEqual(['metrics.my metric', 'DESC']);
    expect(shlexSplit("a 'b c'  \"\" d")).toEqual(['a', 'b c', '', 'd']);
    expect(shlexSplit('a\\ b')).toEqual(['a b']);
  });
});
