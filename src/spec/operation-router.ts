import type { NextFunction, Request, Response } from 'express';
import type { OpenAPIV3 } from 'openapi-types';
import { match, type MatchFunction } from 'path-to-regexp';
import { invalidParameter } from '../errors/api-error.js';
import { htmlErrorPage } from '../errors/html-pages.js';
import type { Deps } from '../context.js';
import { deref, handlerId, listOperations } from './load-spec.js';
import { fieldSpecsOf, readFields, type FieldSpec, type Fields } from './request-fields.js';
import { readBody } from './read-body.js';
import type { Resolve } from './proto-coerce.js';

export interface HandlerInput {
  fields: Fields;
  /** Path parameters; a greedy one (`{path+}` in the document) holds the rest of the path. */
  params: Record<string, string>;
  req: Request;
  res: Response;
  deps: Deps;
}

/** Returns the JSON body of a 200, or undefined when it wrote the response itself. */
export type Handler = (input: HandlerInput) => unknown | Promise<unknown>;
export type HandlerMap = Record<string, Handler>;

interface Route {
  method: string;
  matcher: MatchFunction<Record<string, string | string[]>>;
  handler: Handler;
  fields: { specs: FieldSpec[]; in: 'query' | 'body' | 'none' };
  rawBody: boolean;
  resolve: Resolve;
}

/** `/a/{id}` → `/a/:id`; `/a/{path+}` → `/a/*path` (a greedy parameter that takes the slashes too). */
export function expressPath(openapiPath: string): string {
  return openapiPath.replace(/\{(\w+)\+\}/g, '*$1').replace(/\{(\w+)\}/g, ':$1');
}

/**
 * Routes every request by the OpenAPI document: an unknown path gets Flask's HTML 404, a known
 * path with another method an HTML 405 (with `Allow`), as the MLflow server answers.
 */
export function operationRouter(doc: OpenAPIV3.Document, handlers: HandlerMap, deps: Deps) {
  const resolve = (s: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject) => deref<OpenAPIV3.SchemaObject>(doc, s);
  const d = <T>(v: T | OpenAPIV3.ReferenceObject) => deref<T>(doc, v);
  // Operations marked `x-served-by` (the document itself, Swagger UI) are answered by another router.
  const served = listOperations(doc).filter(({ operation }) => !(operation as Record<string, unknown>)['x-served-by']);
  const routes: Route[] = served.map(({ method, path, operation }) => {
    const id = handlerId(operation);
    const handler = handlers[id];
    if (!handler) throw new Error(`No handler for operation ${id} (${method} ${path})`);
    return {
      method,
      matcher: match(expressPath(path), { decode: lenientDecode, sensitive: true, trailing: false }),
      handler,
      fields: fieldSpecsOf(operation, resolve, d),
      rawBody: Boolean((operation as Record<string, unknown>)['x-raw-body']),
      resolve,
    };
  });

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const candidates: { route: Route; params: Record<string, string> }[] = [];
    for (const route of routes) {
      const m = route.matcher(req.path);
      if (m) candidates.push({ route, params: flattenParams(m.params) });
    }
    if (candidates.length === 0) return next();
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const hit = candidates.find((c) => c.route.method === method);
    if (!hit) {
      const allowed = [...new Set(candidates.map((c) => c.route.method))];
      if (allowed.includes('GET')) allowed.push('HEAD');
      allowed.push('OPTIONS');
      res.setHeader('Allow', allowed.sort().join(', '));
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
      res.status(405).type('text/html; charset=utf-8').send(htmlErrorPage(405));
      return;
    }
    const { route, params } = hit;
    const fields = route.rawBody ? {} : await readRequestFields(req, route);
    const result = await route.handler({ fields, params, req, res, deps });
    if (result !== undefined && !res.headersSent) sendJson(res, result);
  };
}

async function readRequestFields(req: Request, route: Route): Promise<Fields> {
  const hasQuery = (req.originalUrl.split('?')[1] ?? '') !== '';
  // MLflow reads a GET's fields from the query string, or from a JSON body when there is no query string.
  if (req.method === 'GET' && (hasQuery || route.fields.in !== 'query')) {
    return readFields(route.fields.specs, queryObject(req, route.fields.specs), route.resolve, true);
  }
  const raw = await readJsonBody(req);
  return readFields(route.fields.specs, raw, route.resolve, false);
}

/** MLflow's `_get_request_json`: POST and PUT need `Content-Type: application/json`; bad JSON reads as `{}`. */
async function readJsonBody(req: Request): Promise<Record<string, unknown>> {
  if (req.method === 'POST' || req.method === 'PUT') {
    const type = req.headers['content-type'];
    if (type === undefined) throw invalidParameter('Bad Request. Content-Type header is missing.');
    if (type.split(';')[0] !== 'application/json') {
      throw invalidParameter("Bad Request. Content-Type must be one of ['application/json'].");
    }
  }
  const text = (await readBody(req)).replace(/^\uFEFF/, '');
  (req as Request & { rawBodyText?: string }).rawBodyText = text;
  let json: unknown = parseJson(text);
  if (typeof json === 'string') json = parseJson(json);
  return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function queryObject(req: Request, specs: FieldSpec[]): Record<string, unknown> {
  const search = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
  const out: Record<string, unknown> = {};
  for (const key of new Set(search.keys())) {
    const spec = specs.find((s) => s.name === key);
    out[key] = spec?.schema.type === 'array' ? search.getAll(key) : search.get(key);
  }
  return out;
}

/** Werkzeug leaves a malformed percent escape (`%zz`, a bare `%`) as it is instead of failing. */
function lenientDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment.replace(/%[0-9a-fA-F]{2}/g, (esc) => {
      try {
        return decodeURIComponent(esc);
      } catch {
        return esc;
      }
    });
  }
}

function flattenParams(params: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) out[k] = Array.isArray(v) ? v.join('/') : v;
  return out;
}

/** MLflow answers pretty-printed JSON as `application/json` (no charset); NaN values are already "NaN" strings here. */
export function sendJson(res: Response, body: unknown, status = 200): void {
  const bytes = Buffer.from(JSON.stringify(body, null, 2), 'utf8');
  res.status(status);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}
