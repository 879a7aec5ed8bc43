import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { OpenAPIV3 } from 'openapi-types';

/** The folder holding the OpenAPI documents, both from src/ (ts-jest) and from dist/src/ (built). */
export function openapiDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i += 1) {
    const candidate = path.join(dir, 'openapi');
    if (existsSync(path.join(candidate, 'mlflow.yaml'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('openapi/ folder not found');
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

/**
 * Loads `openapi/<name>.yaml` and merges every fragment in `openapi/<name>/*.yaml` into it (their
 * `paths` and `components.schemas`). Paths under `x-mirror-prefixes` are served, and documented,
 * at each mirror prefix too (MLflow serves `/api/2.0/...` again at `/ajax-api/2.0/...`).
 */
export function loadSpec(name: string, dir = openapiDir()): OpenAPIV3.Document {
  const root = parse(readFileSync(path.join(dir, `${name}.yaml`), 'utf8')) as OpenAPIV3.Document & {
    'x-mirror-prefixes'?: Record<string, string>;
  };
  root.paths ??= {};
  root.components ??= {};
  root.components.schemas ??= {};
  const fragmentDir = path.join(dir, name);
  const fragments = existsSync(fragmentDir) ? readdirSync(fragmentDir).filter((f) => f.endsWith('.yaml')).sort() : [];
  for (const file of fragments) {
    const fragment = parse(readFileSync(path.join(fragmentDir, file), 'utf8')) as Partial<OpenAPIV3.Document>;
    mergeInto(root.paths, fragment.paths ?? {}, `${file} paths`);
    for (const [kind, entries] of Object.entries(fragment.components ?? {})) {
      const target = ((root.components as Record<string, Record<string, unknown>>)[kind] ??= {});
      mergeInto(target, entries as Record<string, unknown>, `${file} components.${kind}`);
    }
    for (const tag of fragment.tags ?? []) {
      const known = (root.tags ??= []).find((t) => t.name === tag.name);
      if (known) Object.assign(known, tag);
      else root.tags.push(tag);
    }
  }
  for (const [from, to] of Object.entries(root['x-mirror-prefixes'] ?? {})) mirrorPaths(root, from, to);
  return root;
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>, where: string): void {
  for (const [key, value] of Object.entries(source)) {
    if (key in target) throw new Error(`OpenAPI ${where}: '${key}' is defined twice`);
    target[key] = value;
  }
}

/** The Swagger UI group of the mirrored paths, listed after the real ones. */
const MIRROR_TAG = 'ajax-api mirror';

function mirrorPaths(doc: OpenAPIV3.Document, from: string, to: string): void {
  if (!(doc.tags ??= []).some((t) => t.name === MIRROR_TAG)) {
    doc.tags.push({ name: MIRROR_TAG, description: 'The same operations under the prefixes the MLflow UI calls (`/ajax-api/2.0/...`).' });
  }
  for (const [p, item] of Object.entries({ ...doc.paths })) {
    if (!p.startsWith(from) || !item) continue;
    const twin: OpenAPIV3.PathItemObject = {};
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      twin[method] = {
        ...op,
        operationId: `${op.operationId}__${to.replace(/\W+/g, '_')}`,
        tags: [MIRROR_TAG],
        'x-handler': handlerId(op),
      } as OpenAPIV3.OperationObject;
    }
    doc.paths[to + p.slice(from.length)] = twin;
  }
}

/** The handler an operation is bound to: its operationId, or for a mirrored path the original's. */
export function handlerId(op: OpenAPIV3.OperationObject): string {
  return ((op as Record<string, unknown>)['x-handler'] as string | undefined) ?? (op.operationId as string);
}

export interface OperationEntry {
  method: string;
  path: string;
  operation: OpenAPIV3.OperationObject;
}

export function listOperations(doc: OpenAPIV3.Document): OperationEntry[] {
  const out: OperationEntry[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (op) out.push({ method: method.toUpperCase(), path: p, operation: op });
    }
  }
  return out;
}

/** Follows a local `$ref` (`#/components/...`). */
export function deref<T>(doc: OpenAPIV3.Document, value: T | OpenAPIV3.ReferenceObject): T {
  let v: unknown = value;
  while (v && typeof v === 'object' && '$ref' in (v as object)) {
    const ref = (v as OpenAPIV3.ReferenceObject).$ref;
    v = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], doc);
    if (v === undefined) throw new Error(`Unresolved $ref ${ref}`);
  }
  return v as T;
}
