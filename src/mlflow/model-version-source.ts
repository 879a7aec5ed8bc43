import { ApiError, invalidParameter, notFound } from '../errors/api-error.js';
import type { EmulatorState, LoggedModelRecord } from '../store/schema.js';
import { findVersion } from './registry-json.js';
import { getOwn } from './own-keys.js';
import { posixNormpath } from './validation.js';

/**
 * MLflow's checks and resolution of a model version `source` (`mlflow/server/handlers.py`
 * `_validate_source_run` / `_validate_source_model`, and the `models:/` resolution of the SQL
 * registry store). URIs are split the way Python's `urllib.parse.urlparse` splits them.
 */

interface ParsedUri {
  scheme: string;
  netloc: string;
  hostname: string | null;
  path: string;
}

const SCHEME_CHARS = /^[A-Za-z][A-Za-z0-9+\-.]*$/;
const USES_PARAMS = new Set(['', 'ftp', 'hdl', 'prospero', 'http', 'imap', 'https', 'shttp', 'rtsp', 'rtsps', 'rtspu', 'sip', 'sips', 'mms', 'sftp', 'tel']);

export function parseUri(uri: string, allowFragments = true): ParsedUri {
  let rest = uri.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  const colon = rest.indexOf(':');
  if (colon > 0 && SCHEME_CHARS.test(rest.slice(0, colon))) {
    scheme = rest.slice(0, colon).toLowerCase();
    rest = rest.slice(colon + 1);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, end + 2);
    rest = end < 0 ? '' : rest.slice(end + 2);
  }
  if (allowFragments && rest.includes('#')) rest = rest.slice(0, rest.indexOf('#'));
  if (rest.includes('?')) rest = rest.slice(0, rest.indexOf('?'));
  if (USES_PARAMS.has(scheme) && rest.includes(';')) {
    const lastSlash = rest.lastIndexOf('/');
    const semi = rest.indexOf(';', lastSlash < 0 ? 0 : lastSlash);
    if (semi >= 0) rest = rest.slice(0, semi);
  }
  return { scheme, netloc, hostname: hostnameOf(netloc), path: rest };
}

function hostnameOf(netloc: string): string | null {
  const host = netloc.slice(netloc.lastIndexOf('@') + 1);
  const bracket = /^\[([^\]]*)\]/.exec(host);
  const name = bracket ? bracket[1] : host.split(':')[0];
  return name ? name.toLowerCase() : null;
}

/** `mlflow.utils.uri.is_local_uri`: no scheme, or `file:` on this host. */
export function isLocalUri(uri: string): boolean {
  const parsed = parseUri(uri);
  if (parsed.scheme === '') return true;
  const h = parsed.hostname;
  const remote = Boolean(h) && !(h === '.' || h!.startsWith('localhost') || h!.startsWith('127.0.0.1'));
  if (parsed.scheme === 'file') {
    if (remote) {
      throw new ApiError(
        'INTERNAL_ERROR',
        `${uri} is not a valid remote uri. For remote access on windows, please consider using a different scheme such as SMB (e.g. smb://<hostname>/<path>).`,
      );
    }
    return true;
  }
  return false;
}

/** Python's `urllib.parse.unquote_plus`. */
function unquotePlus(s: string): string {
  return s.replace(/\+/g, ' ').replace(/(%[0-9a-fA-F]{2})+/g, (m) => Buffer.from(m.replace(/%/g, ''), 'hex').toString('utf8'));
}

/** `Path(local_file_uri_to_path(uri)).resolve()`, without following symlinks. */
function resolveLocalPath(uri: string): string {
  const parsed = parseUri(uri);
  const p = parsed.scheme === 'file' ? unquotePlus(parsed.path.replace(/\+/g, '%2B')) : uri;
  return posixNormpath(p.startsWith('/') ? p : `${process.cwd()}/${p}`);
}

function isInside(dir: string, target: string): boolean {
  return target === dir || target.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

function liveLoggedModel(state: EmulatorState, modelId: string): LoggedModelRecord | undefined {
  const model = getOwn(state.logged_models, modelId);
  return model && !model.deleted ? model : undefined;
}

export function loggedModelNotFound(modelId: string): ApiError {
  return notFound(`Logged model with ID '${modelId}' not found.`);
}

/** `_validate_non_local_source_contains_relative_paths`. */
function rejectRelativeReferences(original: string): void {
  const error = invalidParameter(
    `Invalid model version source: '${original}'. If supplying a source as an http, https, local file path, ftp, objectstore, or mlflow-artifacts uri, an absolute path must be provided without relative path references present. Please provide an absolute path.`,
  );
  let source = original;
  for (let unquoted = unquotePlus(source); unquoted !== source; unquoted = unquotePlus(source)) source = unquoted;
  const sourcePath = parseUri(source).path.replace(/\/+$/, '').replace(/\/+/g, '/');
  if (sourcePath.includes('\0') || source.split('/').includes('..')) throw error;
  const resolved = posixNormpath(sourcePath.startsWith('/') ? sourcePath : `${process.cwd()}/${sourcePath}`);
  if (resolved !== sourcePath) throw error;
}

/** The handler's source checks, run before anything else of model-versions/create. */
export function validateModelVersionSource(state: EmulatorState, source: string, runId: string, modelId: string): void {
  if (isLocalUri(source)) {
    let shown = source;
    if (modelId) {
      const model = liveLoggedModel(state, modelId);
      if (!model) throw loggedModelNotFound(modelId);
      shown = resolveLocalPath(source);
      if (isLocalUri(model.artifact_uri) && isInside(resolveLocalPath(model.artifact_uri), shown)) return;
    } else if (runId) {
      const run = getOwn(state.runs, runId);
      if (!run) throw notFound(`Run with id=${runId} not found`);
      shown = resolveLocalPath(source);
      if (isLocalUri(run.artifact_uri) && isInside(resolveLocalPath(run.artifact_uri), shown)) return;
    }
    const by = modelId ? 'model_id' : 'run_id';
    throw invalidParameter(
      `Invalid model version source: '${shown}'. To use a local path as a model version source, the ${by} request parameter has to be specified and the local path has to be contained within the artifact directory of the run specified by the ${by}.`,
    );
  }
  rejectRelativeReferences(source);
}

export interface ResolvedSource {
  storageLocation: string;
  /** The logged model's source run, for a `models:/<model_id>` source. */
  runId?: string;
}

function improperModelsUri(uri: string): ApiError {
  return new ApiError(
    'INTERNAL_ERROR',
    `Not a proper models:/ URI: ${uri}. Models URIs must be of the form 'models:/name/suffix' or 'models:/name@alias' where suffix is a version, stage, or the string 'latest' and where alias is a registered model alias. Only one of suffix or alias can be defined at a time.`,
  );
}

/**
 * Where get-download-uri will point: the source itself, or for a `models:/` source the referenced
 * version's download URI or the logged model's artifact location. Failures are MLflow's 500s.
 */
export function resolveModelsSource(state: EmulatorState, source: string): ResolvedSource {
  const parsed = parseUri(source, false);
  if (parsed.scheme !== 'models') return { storageLocation: source };
  const path = parsed.path;
  if (!path.startsWith('/') || path.length <= 1) throw improperModelsUri(source);
  const parts = path.replace(/^\/+/, '').split('/');
  if (parts.length > 2 || parts[0].trim() === '') throw improperModelsUri(source);
  const unable = (reason: string) =>
    new ApiError('INTERNAL_ERROR', `Unable to fetch model from model URI source artifact location '${source}'.Error: ${reason}`);
  const noVersion = "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'";
  if (parts.length === 2) {
    const [name, suffix] = parts;
    if (suffix.trim() === '') throw improperModelsUri(source);
    if (!/^\d+$/.test(suffix)) throw unable(noVersion);
    try {
      const found = findVersion(state, name, suffix);
      return { storageLocation: found.version.storage_location || found.version.source };
    } catch (err) {
      throw err instanceof ApiError ? unable(err.message) : err;
    }
  }
  if (path.includes('@')) {
    const at = parts[0].lastIndexOf('@');
    if (at < 0 || parts[0].slice(at + 1).trim() === '') throw improperModelsUri(source);
    throw unable(at === 0 ? "Missing value for required parameter 'name'." : noVersion);
  }
  const model = liveLoggedModel(state, parts[0]);
  if (!model) throw unable(loggedModelNotFound(parts[0]).message);
  return { storageLocation: model.artifact_uri, runId: model.source_run_id };
}
