import type { Response } from 'express';
import mime from 'mime-types';
import { posix } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Deps } from '../context.js';
import { notImplemented } from '../errors/api-error.js';
import type { HandlerMap } from '../spec/operation-router.js';
import { validatePathIsSafe } from './artifact-paths.js';
import { artifactStore } from './artifact-store.js';
import {
  listProxy,
  listRunArtifacts,
  modelVersionArtifactTarget,
  proxyTarget,
  runArtifactTarget,
  type ArtifactTarget,
} from './artifacts.js';

/** MLflow's `get_text_extensions()`: served as `text/plain` (files without an extension are matched by name). */
const TEXT_EXTENSIONS = new Set([
  'txt', 'log', 'err', 'cfg', 'conf', 'cnf', 'cf', 'ini', 'properties', 'prop', 'hocon', 'toml', 'yaml', 'yml',
  'xml', 'json', 'js', 'py', 'py3', 'csv', 'tsv', 'md', 'rst', 'MLmodel', 'MLproject',
]);

/** MLflow's `_guess_mime_type`: text extensions are `text/plain`, else by extension, else `application/octet-stream`. */
export function guessMimeType(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 && !/^\.+$/.test(fileName.slice(0, dot + 1)) ? fileName.slice(dot + 1) : '';
  if (TEXT_EXTENSIONS.has(ext || fileName)) return 'text/plain';
  return mime.lookup(fileName) || 'application/octet-stream';
}

/** `attachment; filename=<name>`, with an RFC 5987 `filename*` when the name is not plain ASCII. */
function contentDisposition(fileName: string): string {
  if (/^[\x21-\x7e ]+$/.test(fileName) && !/[";\\]/.test(fileName)) return `attachment; filename=${fileName}`;
  const fallback = fileName.replace(/[^\x20-\x7e]|[";\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Streams a file as an attachment, as MLflow's `_send_artifact` does; 404 JSON when it is missing. */
async function sendArtifact(deps: Deps, res: Response, target: ArtifactTarget): Promise<undefined> {
  const store = artifactStore(deps.artifactRoot);
  const { abs, size } = await store.openFile(target.rootPath, target.shown);
  const name = posix.basename(target.rootPath);
  res.status(200);
  res.setHeader('Content-Type', guessMimeType(name));
  res.setHeader('Content-Disposition', contentDisposition(name));
  res.setHeader('Content-Length', String(size));
  await pipeline(store.stream(abs), res);
  return undefined;
}

const MULTIPART_UNSUPPORTED = 'Multipart upload is not supported for the current artifact repository';

/** Multipart uploads need object storage; the local store answers 501 so that clients fall back to one PUT. */
const multipartUnsupported = ({ params }: { params: Record<string, string> }) => {
  validatePathIsSafe(params.path ?? '');
  throw notImplemented(MULTIPART_UNSUPPORTED);
};

export const artifactHandlers: HandlerMap = {
  listArtifacts: ({ fields, deps }) => listRunArtifacts(deps, fields.run_id, fields.path),

  getArtifact: ({ fields, deps, res }) => sendArtifact(deps, res, runArtifactTarget(deps.store.data, fields.run_id, fields.path)),

  getModelVersionArtifact: ({ fields, deps, res }) =>
    sendArtifact(deps, res, modelVersionArtifactTarget(deps.store.data, fields.name, fields.version, fields.path)),

  downloadArtifact: ({ params, deps, res }) => sendArtifact(deps, res, proxyTarget(params.path ?? '')),

  uploadArtifact: async ({ params, deps, req }) => {
    const target = proxyTarget(params.path ?? '');
    await artifactStore(deps.artifactRoot).write(target.rootPath, req);
    return {};
  },

  listArtifactsProxy: ({ fields, deps }) => listProxy(deps, fields.path),

  deleteArtifact: async ({ params, deps }) => {
    const target = proxyTarget(params.path ?? '');
    await artifactStore(deps.artifactRoot).remove(target.rootPath);
    return {};
  },

  createMultipartUpload: multipartUnsupported,
  completeMultipartUpload: multipartUnsupported,
  abortMultipartUpload: multipartUnsupported,
};
