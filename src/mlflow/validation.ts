import { pythonJsonDumps } from '../errors/python-text.js';
import path from 'node:path';
import { invalidParameter } from '../errors/api-error.js';

/** MLflow 3.6's `mlflow/utils/validation.py` checks, with the 3.6 wording seen on a real server. */

/** Python's unicode `\w` matches letters and digits of any script. */
const VALID_KEY = /^[/\p{L}\p{N}_.\- :]*$/u;
const BAD_CHARACTERS =
  'Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).';

export const MAX_ENTITY_KEY_LENGTH = 250;
export const MAX_PARAM_VAL_LENGTH = 6000;
export const MAX_TAG_VAL_LENGTH = 8000;
export const MAX_EXPERIMENT_TAG_VAL_LENGTH = 5000;
export const MAX_REGISTRY_TAG_VAL_LENGTH = 100000;

export function invalidValue(parameter: string, value: unknown, reason: string) {
  return invalidParameter(`Invalid value ${pythonJsonDumps(value, true)} for parameter '${parameter}' supplied: ${reason}`);
}

/** Python's posixpath.normpath. */
export function posixNormpath(p: string): string {
  if (p === '') return '.';
  const initialSlashes = p.startsWith('//') && !p.startsWith('///') ? 2 : p.startsWith('/') ? 1 : 0;
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..' || (!initialSlashes && !out.length) || (out.length && out[out.length - 1] === '..')) out.push(part);
    else if (out.length) out.pop();
  }
  const joined = '/'.repeat(initialSlashes) + out.join('/');
  return joined || '.';
}

function pathNotUnique(name: string): boolean {
  const norm = posixNormpath(name);
  return norm !== name || norm === '.' || norm.startsWith('..') || norm.startsWith('/');
}

/** A param, metric or tag key: allowed characters, and no `..`, `/x`, `./x` that would resolve elsewhere. */
export function validateEntityKey(key: string, parameter = 'key'): void {
  if (!VALID_KEY.test(key)) throw invalidValue(parameter, key, BAD_CHARACTERS);
  if (pathNotUnique(key)) {
    throw invalidValue(
      parameter,
      key,
      `Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to '${posixNormpath(key)}'`,
    );
  }
}

export function validateLength(entity: string, limit: number, value: string | undefined): void {
  if (value !== undefined && codePoints(value) > limit) {
    throw invalidParameter(`'${entity}' exceeds the maximum length of ${limit} characters`);
  }
}

/** Python's len(): code points, not UTF-16 units. */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

export function truncate(value: string, limit: number): string {
  return codePoints(value) > limit ? [...value].slice(0, limit).join('') : value;
}

export function validateExperimentTag(key: string, value: string | undefined): void {
  validateEntityKey(key);
  validateLength('key', MAX_ENTITY_KEY_LENGTH, key);
  validateLength('value', MAX_EXPERIMENT_TAG_VAL_LENGTH, value);
}

const RUN_ID = /^[a-zA-Z0-9][\w-]{0,255}$/;

export function validateRunIdFormat(runId: string): void {
  if (!RUN_ID.test(runId)) throw invalidParameter(`Invalid value ${JSON.stringify(runId)} for parameter 'run_id' supplied.`);
}

/** Is `p` a path that stays inside its root (no `..` segment, not absolute, no backslash)? */
export function isSafeRelativePath(p: string): boolean {
  if (p.includes('\\') || p.includes('\0') || path.posix.isAbsolute(p)) return false;
  return !p.split('/').includes('..');
}
