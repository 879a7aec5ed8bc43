import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { invalidParameter, notFound } from '../errors/api-error.js';
import { invalidPath, pathSegments } from './artifact-paths.js';

/**
 * Artifact files under the artifact root (`<data dir>/artifacts`), addressed by a root-relative POSIX
 * path such as `1/<run>/artifacts/dir/a.txt`. Nothing here holds a whole file in memory: uploads are
 * piped to a temporary file in the target folder and renamed; downloads are streamed. No path, `..`
 * or symbolic link can make an operation read or write outside the root.
 */

export interface ArtifactEntry {
  name: string;
  isDir: boolean;
  /** Bytes; absent for directories. */
  size?: number;
}

/** Temporary upload files (`.<name>.<hex>.hokusai-upload`) are never listed. */
const TEMP_SUFFIX = '.hokusai-upload';

function inside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export class ArtifactStore {
  private realRoot: Promise<string> | null = null;

  constructor(readonly root: string) {}

  /** The absolute path of a root-relative path (lexically inside the root; links not yet checked). */
  absolute(rel: string): string {
    const abs = path.join(this.root, ...pathSegments(rel));
    if (!inside(path.resolve(this.root), path.resolve(abs))) throw invalidPath();
    return abs;
  }

  private rootReal(): Promise<string> {
    this.realRoot ??= fs.mkdir(this.root, { recursive: true }).then(() => fs.realpath(this.root));
    this.realRoot.catch(() => {
      this.realRoot = null;
    });
    return this.realRoot;
  }

  /** Follows links on the deepest existing ancestor of `abs` (itself included): it must stay in the root. */
  private async assertContained(abs: string): Promise<void> {
    const realRoot = await this.rootReal();
    let p = abs;
    for (;;) {
      try {
        const real = await fs.realpath(p);
        if (!inside(realRoot, real)) throw invalidPath();
        return;
      } catch (err) {
        if (!isMissing(err)) throw err;
        const parent = path.dirname(p);
        if (parent === p || !inside(path.resolve(this.root), path.resolve(parent))) throw invalidPath();
        p = parent;
      }
    }
  }

  /** Streams `source` into the file at `rel`, replacing it atomically (temp file in the same folder, then rename). */
  async write(rel: string, source: Readable): Promise<void> {
    const abs = this.absolute(rel);
    if (abs === path.join(this.root)) throw invalidPath();
    const dir = path.dirname(abs);
    await this.assertContained(dir);
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTDIR') throw invalidParameter(`Cannot write artifact '${rel}': a parent path is a file`);
      throw err;
    }
    await this.assertContained(dir);
    const existing = await fs.lstat(abs).catch(() => null);
    if (existing?.isDirectory()) throw invalidParameter(`Cannot write artifact '${rel}': it is a directory`);
    const temp = path.join(dir, `.${path.basename(abs)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
    try {
      await pipeline(source, createWriteStream(temp, { flags: 'wx' }));
      await fs.rename(temp, abs);
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  /** The absolute path and size of the file at `rel`, ready to stream; 404 when missing, 400 for a directory. */
  async openFile(rel: string, shownPath = rel): Promise<{ abs: string; size: number }> {
    const abs = this.absolute(rel);
    await this.assertContained(abs);
    const stat = await fs.stat(abs).catch((err: unknown) => {
      if (isMissing(err)) throw notFound(`Artifact '${shownPath}' does not exist`);
      throw err;
    });
    if (stat.isDirectory()) throw invalidParameter(`Artifact '${shownPath}' is a directory, not a file`);
    if (!stat.isFile()) throw notFound(`Artifact '${shownPath}' does not exist`);
    return { abs, size: stat.size };
  }

  /** A read stream of the file found by `openFile`. */
  stream(abs: string): Readable {
    return createReadStream(abs);
  }

  /** The direct children of the folder at `rel`, sorted by name; `[]` when it is missing or a file. */
  async list(rel: string): Promise<ArtifactEntry[]> {
    const abs = this.absolute(rel);
    await this.assertContained(abs);
    let dirents: Dirent[];
    try {
      dirents = await fs.readdir(abs, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return [];
      throw err;
    }
    const realRoot = await this.rootReal();
    const entries: ArtifactEntry[] = [];
    for (const d of dirents) {
      if (d.name.endsWith(TEMP_SUFFIX) && d.name.startsWith('.')) continue;
      const full = path.join(abs, d.name);
      try {
        if (d.isSymbolicLink() && !inside(realRoot, await fs.realpath(full))) continue;
        const stat = await fs.stat(full);
        entries.push(stat.isDirectory() ? { name: d.name, isDir: true } : { name: d.name, isDir: false, size: stat.size });
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    }
    return entries.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  }

  /** Deletes the file or folder (recursively) at `rel`; a missing path is fine. Never the root itself. */
  async remove(rel: string): Promise<void> {
    const abs = this.absolute(rel);
    if (path.resolve(abs) === path.resolve(this.root)) throw invalidPath();
    await this.assertContained(path.dirname(abs));
    await fs.rm(abs, { recursive: true, force: true });
  }
}

const stores = new Map<string, ArtifactStore>();

/** One store per artifact root. */
export function artifactStore(root: string): ArtifactStore {
  let store = stores.get(root);
  if (!store) {
    store = new ArtifactStore(root);
    stores.set(root, store);
  }
  return store;
}
