import type { Deps } from '../context.js';
import { notFound } from '../errors/api-error.js';
import type { EmulatorState, RunRecord } from '../store/schema.js';
import { pathSegments, posixJoin, proxiedPathOf, validatePathIsSafe } from './artifact-paths.js';
import { artifactStore, type ArtifactEntry } from './artifact-store.js';
import { compact } from './proto-json.js';
import { findVersion } from './registry-json.js';
import { getOwn } from './own-keys.js';

/**
 * Run, model-version and logged-model artifacts: MLflow's handlers resolve an artifact URI served by
 * the proxy (`mlflow-artifacts:/...`) to a path under the artifact root, then list or send files there.
 * Artifacts of other locations (s3://, local paths) are not held by this server: they list as empty
 * and do not download; the server's own file system is never read outside the artifact root.
 */

export interface FileInfoJson {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

export function fileInfoJson(path: string, entry: ArtifactEntry): FileInfoJson {
  return compact({ path, is_dir: entry.isDir, file_size: entry.isDir ? undefined : entry.size });
}

/** A file or folder under the artifact root that a request may address (`null`: not held here). */
export interface ArtifactTarget {
  /** Root-relative path, e.g. `1/<run>/artifacts/dir/a.txt`. */
  rootPath: string;
  /** The path the client asked for, for messages. */
  shown: string;
}

function lookupRun(state: EmulatorState, runId: string): RunRecord {
  const run = getOwn(state.runs, runId);
  if (!run) throw notFound(`Run with id=${runId} not found`);
  return run;
}

const MAX_URI_HOPS = 5;

/**
 * The root-relative folder an artifact URI stands for, following `runs:/<run>/<path>` and
 * `models:/<model_id>` references; null when the URI is not served by the artifact proxy.
 */
export function rootPathOfUri(state: EmulatorState, uri: string, hops = 0): string | null {
  if (hops > MAX_URI_HOPS) return null;
  const proxied = proxiedPathOf(uri);
  if (proxied !== null) return proxied;
  const runs = /^runs:\/+([^/?#]+)(?:\/([^?#]*))?$/.exec(uri);
  if (runs) {
    const run = getOwn(state.runs, runs[1]);
    if (!run) return null;
    const base = rootPathOfUri(state, run.artifact_uri, hops + 1);
    return base === null ? null : posixJoin(base, runs[2] ?? '');
  }
  const models = /^models:\/+(m-[0-9a-f]+)\/?$/.exec(uri);
  if (models) {
    const model = getOwn(state.logged_models, models[1]);
    return model && !model.deleted ? rootPathOfUri(state, model.artifact_uri, hops + 1) : null;
  }
  return null;
}

/** `GET /artifacts/list` and `logged-models/{id}/artifacts/directories`: children of `relPath` under `rootUri`. */
export async function listUnderUri(deps: Deps, rootUri: string, relPath: string | undefined): Promise<FileInfoJson[]> {
  const rel = relPath === undefined ? undefined : validatePathIsSafe(relPath);
  const base = rootPathOfUri(deps.store.data, rootUri);
  if (base === null) return [];
  const entries = await artifactStore(deps.artifactRoot).list(rel ? posixJoin(base, rel) : base);
  return entries.map((e) => fileInfoJson(rel ? posixJoin(rel, e.name) : e.name, e));
}

export async function listRunArtifacts(deps: Deps, runId: string, relPath: string | undefined) {
  const rel = relPath === undefined ? undefined : validatePathIsSafe(relPath);
  const run = lookupRun(deps.store.data, runId);
  const files = await listUnderUri(deps, run.artifact_uri, rel);
  return compact({ root_uri: run.artifact_uri, files });
}

function targetUnder(state: EmulatorState, rootUri: string, rel: string, shown: string): ArtifactTarget {
  const base = rootPathOfUri(state, rootUri);
  if (base === null) throw notFound(`Artifact '${shown}' is not stored on this server (artifact location ${rootUri})`);
  pathSegments(base);
  return { rootPath: posixJoin(base, rel), shown };
}

/** `GET /get-artifact?run_id=&path=`: the run's artifact `path`. */
export function runArtifactTarget(state: EmulatorState, runId: string, rawPath: string): ArtifactTarget {
  const rel = validatePathIsSafe(rawPath);
  const run = lookupRun(state, runId);
  return targetUnder(state, run.artifact_uri, rel, rel);
}

/** `GET /model-versions/get-artifact?name=&version=&path=`: `path` under the version's download URI. */
export function modelVersionArtifactTarget(state: EmulatorState, name: string, version: string, rawPath: string): ArtifactTarget {
  const rel = validatePathIsSafe(rawPath);
  const { version: mv } = findVersion(state, name, version);
  return targetUnder(state, mv.storage_location || mv.source, rel, rel);
}

/** The artifact proxy: paths are relative to the artifact root itself. */
export function proxyTarget(rawPath: string): ArtifactTarget {
  const rel = validatePathIsSafe(rawPath);
  pathSegments(rel);
  return { rootPath: rel, shown: rel };
}

/** `GET /mlflow-artifacts/artifacts?path=`: children of a root-relative folder, by basename. */
export async function listProxy(deps: Deps, rawPath: string | undefined): Promise<{ files?: FileInfoJson[] }> {
  const rel = rawPath === undefined ? '' : validatePathIsSafe(rawPath);
  const entries = await artifactStore(deps.artifactRoot).list(rel);
  return compact({ files: entries.map((e) => fileInfoJson(e.name, e)) });
}
