import type { OpenAPIV3 } from 'openapi-types';

type Schema = OpenAPIV3.SchemaObject;
export type Resolve = (s: Schema | OpenAPIV3.ReferenceObject) => Schema;

/** Thrown when a value does not parse as its proto field type (protobuf's ParseError). */
export class ProtoParseError extends Error {}

const INT_TEXT = /^[-+]?\d+$/;
const FLOAT_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Proto3-JSON parsing of one value (what MLflow's `ParseDict` accepts): int64 from an integral
 * number or an integer string, double from a number, a numeric string or NaN/Infinity, enums by
 * name, bools as JSON bools (or "true"/"false" from a query string). Unknown fields are dropped.
 */
export function coerceValue(schema: Schema, value: unknown, resolve: Resolve, fromQuery: boolean): unknown {
  if (value === null || value === undefined) return undefined;
  switch (schema.type) {
    case 'string':
      if (typeof value === 'number' && (schema as Record<string, unknown>)['x-accept-number']) return String(value);
      if (typeof value !== 'string') throw new ProtoParseError();
      if (schema.enum && !schema.enum.includes(value)) throw new ProtoParseError();
      return value;
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'string' && INT_TEXT.test(value.trim())) return Number(value.trim());
      throw new ProtoParseError();
    case 'number':
      if (typeof value === 'number') return value;
      if (value === 'NaN') return Number.NaN;
      if (value === 'Infinity') return Number.POSITIVE_INFINITY;
      if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
      if (typeof value === 'string' && FLOAT_TEXT.test(value.trim())) return Number(value.trim());
      throw new ProtoParseError();
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (fromQuery && typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      throw new ProtoParseError();
    case 'array': {
      const list = fromQuery && !Array.isArray(value) ? [value] : value;
      if (!Array.isArray(list)) throw new ProtoParseError();
      const items = resolve(schema.items ?? {});
      return list.map((item) => coerceValue(items, item, resolve, fromQuery));
    }
    case 'object':
    default: {
      if (!schema.properties) return value;
      if (typeof value !== 'object' || Array.isArray(value)) throw new ProtoParseError();
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties)) {
        const v = coerceValue(resolve(prop), (value as Record<string, unknown>)[name], resolve, fromQuery);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
  }
}

/** MLflow's handler type checks (`_assert_string`, `_assert_intlike`, ...), run when proto parsing failed. */
export function passesTypeCheck(schema: Schema, value: unknown): boolean {
  switch (schema.type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' || (typeof value === 'string' && INT_TEXT.test(value.trim()));
    case 'number':
      return (
        typeof value === 'number' ||
        typeof value === 'boolean' ||
        (typeof value === 'string' && (FLOAT_TEXT.test(value.trim()) || /^[-+]?(nan|inf|infinity)$/i.test(value.trim())))
      );
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    default:
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}
