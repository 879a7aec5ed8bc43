import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import { match } from 'path-to-regexp';
import { deref, listOperations } from '../../src/spec/load-spec.js';
import { expressPath } from '../../src/spec/operation-router.js';

const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

function prefixRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prefixRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `doc${v}` : prefixRefs(v)]),
    );
  }
  return value;
}

/** Validates actual answers against the response schemas of an OpenAPI document. */
export function responseValidator(doc: OpenAPIV3.Document) {
  const ajv = new (Ajv as any)({ strict: false, allErrors: true });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  for (const f of ['int64', 'int32', 'double', 'float', 'binary']) ajv.addFormat(f, true);
  ajv.addSchema({ $id: 'doc', components: prefixRefs(doc.components) }, 'doc');
  const ops = listOperations(doc).map((o) => ({ ...o, matcher: match(expressPath(o.path)) }));
  const cache = new Map<object, any>();

  return (method: string, path: string, status: number, contentType: string, body: unknown): string[] => {
    const op = ops.find((o) => o.method === method && o.matcher(path));
    if (!op) return [`${method} ${path} is not in the document`];
    const responses = op.operation.responses ?? {};
    const ref = responses[String(status)] ?? responses.default;
    if (!ref) return [`${method} ${op.path}: status ${status} is not documented`];
    const response = deref<OpenAPIV3.ResponseObject>(doc, ref);
    const media = response.content?.[contentType];
    if (!media) return [`${method} ${op.path} ${status}: content type ${contentType} is not documented`];
    if (!media.schema || contentType !== 'application/json') return [];
    let validate = cache.get(media.schema);
    if (!validate) {
      validate = ajv.compile(prefixRefs(media.schema));
      cache.set(media.schema, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e: { instancePath: string; message?: string; params?: unknown }) => `${method} ${op.path} ${status}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
  };
}
