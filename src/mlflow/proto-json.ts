/** Helpers that shape records the way MLflow's proto-to-JSON answers look. */

export interface KeyValue {
  key: string;
  value: string;
}

/** `{a: "1"}` → `[{key: "a", value: "1"}]`, or undefined when empty (empty lists are left out). */
export function keyValueList(record: Record<string, string>): KeyValue[] | undefined {
  const list = Object.entries(record).map(([key, value]) => ({ key, value }));
  return list.length ? list : undefined;
}

/** Drops undefined fields and empty arrays, as proto JSON leaves out unset and empty fields. */
export function compact<T extends Record<string, unknown>>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as T;
}

/** The largest double; MLflow stores ±Infinity as ±this value. */
export const MAX_DOUBLE = 1.7976931348623157e308;

/** A stored metric value as JSON: NaN becomes the string "NaN". */
export function metricValueJson(value: number, isNan?: boolean): number | string {
  return isNan ? 'NaN' : value;
}
