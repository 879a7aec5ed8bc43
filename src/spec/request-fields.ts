import type { OpenAPIV3 } from 'openapi-types';
import { invalidValueForParameter, missingParameter } from '../errors/api-error.js';
import { coerceValue, passesTypeCheck, ProtoParseError, type Resolve } from './proto-coerce.js';

type Schema = OpenAPIV3.SchemaObject;

/** One top-level request field as the document declares it. */
export interface FieldSpec {
  name: string;
  schema: Schema;
  required: boolean;
  /** `x-fallback`: another field read when this one is absent (`run_id` ← `run_uuid`). */
  fallback?: string;
}

export type Fields = Record<string, any>;

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * What MLflow's `_get_request_message` does: parse the raw JSON (or query) into the proto message,
 * then run the handler's checks field by field in declaration order: required first, then (only if
 * proto parsing failed somewhere) the type checks, then `maximum`. A field that fails to parse but
 * passes the checks is left unset, as in the proto message.
 */
export function readFields(specs: FieldSpec[], raw: Record<string, unknown>, resolve: Resolve, fromQuery: boolean): Fields {
  const fields: Fields = {};
  let parseFailed = false;
  for (const spec of specs) {
    try {
      const value = coerceValue(spec.schema, raw[spec.name], resolve, fromQuery);
      if (value !== undefined) fields[spec.name] = value;
    } catch (err) {
      if (!(err instanceof ProtoParseError)) throw err;
      parseFailed = true;
    }
  }
  for (const spec of specs) {
    let value = raw[spec.name];
    if (value === undefined && spec.fallback) value = raw[spec.fallback];
    if (value === undefined && !spec.required) continue;
    if (spec.required && isMissing(value)) throw missingParameter(spec.name);
    if (value === undefined || value === null) continue;
    if (parseFailed && !passesTypeCheck(spec.schema, value)) throw invalidValueForParameter(spec.name, value);
    if (spec.schema.maximum !== undefined && Number(value) > spec.schema.maximum) throw invalidValueForParameter(spec.name, value);
  }
  for (const spec of specs) {
    if (fields[spec.name] === undefined && spec.fallback && fields[spec.fallback] !== undefined) {
      fields[spec.name] = fields[spec.fallback];
    }
  }
  return fields;
}

/** The request fields of an operation: its query parameters for GET, else its JSON body's properties. */
export function fieldSpecsOf(op: OpenAPIV3.OperationObject, resolve: Resolve, deref: <T>(v: T | OpenAPIV3.ReferenceObject) => T): { specs: FieldSpec[]; in: 'query' | 'body' | 'none' } {
  const body = op.requestBody ? deref<OpenAPIV3.RequestBodyObject>(op.requestBody) : undefined;
  const jsonSchema = body?.content?.['application/json']?.schema;
  if (jsonSchema) {
    const schema = resolve(jsonSchema);
    const required = new Set(schema.required ?? []);
    const specs = Object.entries(schema.properties ?? {}).map(([name, prop]) => {
      const s = resolve(prop);
      return { name, schema: s, required: required.has(name), fallback: (s as Record<string, unknown>)['x-fallback'] as string | undefined };
    });
    return { specs, in: 'body' };
  }
  const params = (op.parameters ?? []).map((p) => deref<OpenAPIV3.ParameterObject>(p)).filter((p) => p.in === 'query');
  if (params.length === 0) return { specs: [], in: 'none' };
  const specs = params.map((p) => {
    const s = resolve(p.schema ?? { type: 'string' });
    return { name: p.name, schema: s, required: Boolean(p.required), fallback: (s as Record<string, unknown>)['x-fallback'] as string | undefined };
  });
  return { specs, in: 'query' };
}
