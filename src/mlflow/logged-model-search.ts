import { invalidParameter } from '../errors/api-error.js';
import type { EmulatorState, LoggedModelRecord } from '../store/schema.js';
import { loggedModelMetrics, type LoggedModelMetricJson } from './logged-model-json.js';
import { getOwn } from './own-keys.js';

/**
 * `POST /logged-models/search` (MLflow's `search_logged_models` and `search_logged_model_utils`):
 * comparisons joined by AND on attributes, `metrics.`, `params.` and `tags.`; order by attributes or
 * `metrics.<key>` (latest value), nulls last, then `creation_timestamp_ms DESC`; offset page tokens.
 * Where the real server answers a 500 (an unknown attribute), this answers 400 with a clear message.
 */

type EntityType = 'attributes' | 'metrics' | 'params' | 'tags';

interface Comparison {
  type: EntityType;
  key: string;
  op: string;
  value: string | number;
}

export interface DatasetFilter {
  dataset_name?: string;
  dataset_digest?: string;
}

export interface OrderBy {
  field_name?: string;
  ascending?: boolean;
  dataset_name?: string;
  dataset_digest?: string;
}

const ALIASES: Record<string, string> = {
  creation_time: 'creation_timestamp_ms',
  creation_timestamp: 'creation_timestamp_ms',
  last_updated_timestamp: 'last_updated_timestamp_ms',
  artifact_location: 'artifact_uri',
};
const NUMERIC_ATTRIBUTES = new Set(['creation_timestamp_ms', 'last_updated_timestamp_ms']);
const STRING_ATTRIBUTES = new Set(['model_id', 'name', 'status', 'model_type', 'source_run_id', 'experiment_id', 'artifact_uri']);
const NUMERIC_OPS = ['<', '<=', '>', '>=', '=', '!='];
const STRING_OPS = ['=', '!=', 'LIKE', 'ILIKE'];
const ATTRIBUTE_LIST = [...STRING_ATTRIBUTES, ...NUMERIC_ATTRIBUTES, ...Object.keys(ALIASES)].sort().join(', ');

const TOKEN = /\s*([A-Za-z_]+\.`[^`]*`|`[^`]*`|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|<=|>=|!=|<>|=|<|>|[^\s=<>!'"`]+)/y;

function tokenize(filter: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < filter.length) {
    if (/^\s*$/.test(filter.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(filter);
    if (!m) throw invalidParameter(`Invalid filter string: '${filter}'.`);
    tokens.push(m[1]);
  }
  return tokens;
}

function attributeKey(raw: string): string {
  const key = ALIASES[raw] ?? raw;
  if (!STRING_ATTRIBUTES.has(key) && !NUMERIC_ATTRIBUTES.has(key)) {
    throw invalidParameter(`Invalid attribute key '${raw}' in the logged model filter. Valid attributes are: ${ATTRIBUTE_LIST}; other keys need a 'metrics.', 'params.' or 'tags.' prefix.`);
  }
  return key;
}

function parseIdentifier(text: string): { type: EntityType; key: string } {
  const unquote = (s: string) => s.replace(/^`(.*)`$/, '$1');
  const m = /^([a-z]+)\.(.+)$/.exec(text);
  if (m) {
    const type = ({ attributes: 'attributes', attribute: 'attributes', metrics: 'metrics', metric: 'metrics', params: 'params', param: 'params', tags: 'tags', tag: 'tags' } as Record<string, EntityType>)[m[1]];
    if (!type) throw invalidParameter(`Invalid entity type: '${m[1]}'. Expected one of ['attributes', 'metrics', 'params', 'tags'].`);
    const key = unquote(m[2]);
    return { type, key: type === 'attributes' ? attributeKey(key) : key };
  }
  return { type: 'attributes', key: attributeKey(unquote(text)) };
}

/** Parses `filter` into comparisons; every mistake is a 400 INVALID_PARAMETER_VALUE. */
export function parseLoggedModelFilter(filter: string | undefined): Comparison[] {
  if (!filter || !filter.trim()) return [];
  const tokens = tokenize(filter);
  const out: Comparison[] = [];
  for (let i = 0; i < tokens.length; ) {
    if (out.length) {
      if (tokens[i].toUpperCase() !== 'AND') throw invalidParameter(`Invalid filter string: '${filter}'. Expected a list of comparisons separated by 'AND' (e.g. 'metrics.loss > 0.1 AND params.lr = 0.01').`);
      i += 1;
    }
    const [ident, rawOp, rawValue] = tokens.slice(i, i + 3);
    if (rawValue === undefined) throw invalidParameter(`Invalid filter string: '${filter}'. Expected a comparison such as name = 'my-model'.`);
    i += 3;
    const entity = parseIdentifier(ident);
    const numeric = entity.type === 'metrics' || (entity.type === 'attributes' && NUMERIC_ATTRIBUTES.has(entity.key));
    const op = rawOp.toUpperCase() === 'LIKE' || rawOp.toUpperCase() === 'ILIKE' ? rawOp.toUpperCase() : rawOp === '<>' ? '!=' : rawOp;
    const ops = numeric ? NUMERIC_OPS : STRING_OPS;
    if (!ops.includes(op)) throw invalidParameter(`Invalid comparison operator for ${entity.type}.${entity.key}: '${rawOp}'. Expected one of (${ops.map((o) => `'${o}'`).join(', ')}).`);
    let value: string | number;
    if (numeric) {
      value = Number(rawValue);
      if (rawValue.trim() === '' || !Number.isFinite(value)) throw invalidParameter(`Invalid numeric value ${rawValue} for ${entity.type}.${entity.key} in the filter.`);
    } else {
      const quoted = /^'(.*)'$|^"(.*)"$/s.exec(rawValue);
      if (!quoted) throw invalidParameter(`Invalid string value ${rawValue} for ${entity.type}.${entity.key} in the filter: strings must be quoted, e.g. 'value'.`);
      value = (quoted[1] ?? quoted[2]).replace(/\\(.)/g, '$1');
    }
    out.push({ ...entity, op, value });
  }
  return out;
}

function likeRegex(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
}

function compareValues(actual: string | number, op: string, want: string | number): boolean {
  switch (op) {
    case '=': return actual === want;
    case '!=': return actual !== want;
    case '<': return actual < want;
    case '<=': return actual <= want;
    case '>': return actual > want;
    case '>=': return actual >= want;
    case 'LIKE': return likeRegex(String(want), false).test(String(actual));
    case 'ILIKE': return likeRegex(String(want), true).test(String(actual));
    default: return false;
  }
}

function onDatasets(metric: LoggedModelMetricJson, datasets: DatasetFilter[]): boolean {
  return datasets.some((d) => metric.dataset_name === d.dataset_name && (!d.dataset_digest || metric.dataset_digest === d.dataset_digest));
}

function matches(model: LoggedModelRecord, metrics: LoggedModelMetricJson[], comparisons: Comparison[], datasets: DatasetFilter[]): boolean {
  for (const c of comparisons) {
    if (c.type === 'attributes') {
      const actual = (model as unknown as Record<string, string | number | undefined>)[c.key];
      if (actual === undefined || actual === null || !compareValues(actual, c.op, c.value)) return false;
    } else if (c.type === 'metrics') {
      const ok = metrics.some((m) => m.key === c.key && typeof m.value === 'number' && compareValues(m.value, c.op, c.value) && (!datasets.length || onDatasets(m, datasets)));
      if (!ok) return false;
    } else {
      const actual = getOwn(c.type === 'params' ? model.params : model.tags, c.key);
      if (actual === undefined || !compareValues(actual, c.op, c.value)) return false;
    }
  }
  if (datasets.length && !comparisons.some((c) => c.type === 'metrics')) return metrics.some((m) => onDatasets(m, datasets));
  return true;
}

type SortValue = string | number | undefined;

function orderKeys(orderBy: OrderBy[]): ((m: LoggedModelRecord, metrics: LoggedModelMetricJson[]) => SortValue)[] {
  return orderBy.map((ob) => {
    const field = ob.field_name ?? '';
    if (!field.includes('.')) {
      const key = ALIASES[field] ?? field;
      if (!STRING_ATTRIBUTES.has(key) && !NUMERIC_ATTRIBUTES.has(key)) throw invalidParameter(`Invalid order by field name: ${field}`);
      return (m) => (m as unknown as Record<string, SortValue>)[key];
    }
    const [entity, name] = [field.slice(0, field.indexOf('.')), field.slice(field.indexOf('.') + 1)];
    if (entity !== 'metrics') throw invalidParameter(`Invalid order by field name: ${field}. Only metrics are supported.`);
    return (_m, metrics) => {
      const points = metrics.filter(
        (p) => p.key === name && (!ob.dataset_name || p.dataset_name === ob.dataset_name) && (!ob.dataset_digest || p.dataset_digest === ob.dataset_digest),
      );
      points.sort((a, b) => b.timestamp - a.timestamp || b.step - a.step);
      const v = points[0]?.value;
      return typeof v === 'number' ? v : undefined;
    };
  });
}

export interface SearchLoggedModelsInput {
  experimentIds: string[];
  filter?: string;
  datasets?: DatasetFilter[];
  maxResults?: number;
  orderBy?: OrderBy[];
  pageToken?: string;
}

export const SEARCH_LOGGED_MODELS_DEFAULT_MAX = 100;

interface PageToken {
  offset: number;
  experiment_ids: string[];
  filter: string | null;
  order_by: OrderBy[] | null;
}

function decodeToken(token: string, input: SearchLoggedModelsInput): number {
  let parsed: PageToken;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as PageToken;
  } catch {
    throw invalidParameter(`Invalid page token: '${token}'.`);
  }
  if (!parsed || typeof parsed.offset !== 'number' || parsed.offset < 0) throw invalidParameter(`Invalid page token: '${token}'.`);
  const same = JSON.stringify([parsed.experiment_ids, parsed.filter, parsed.order_by]) === JSON.stringify([input.experimentIds, input.filter || null, input.orderBy?.length ? input.orderBy : null]);
  if (!same) throw invalidParameter('The page token does not match this search: experiment_ids, filter and order_by must be the same as in the search that made it.');
  return parsed.offset;
}

/** One page of matching live logged models and the token of the next page. */
export function searchLoggedModels(state: EmulatorState, input: SearchLoggedModelsInput): { models: LoggedModelRecord[]; nextPageToken?: string } {
  const datasets = input.datasets ?? [];
  if (datasets.some((d) => !d.dataset_name)) throw invalidParameter('`dataset_name` in the `datasets` clause must be specified.');
  const comparisons = parseLoggedModelFilter(input.filter);
  const orderBy = input.orderBy ?? [];
  const keys = orderKeys(orderBy);
  const offset = input.pageToken ? decodeToken(input.pageToken, input) : 0;
  const maxResults = input.maxResults || SEARCH_LOGGED_MODELS_DEFAULT_MAX;
  if (maxResults < 0) throw invalidParameter(`Invalid value ${maxResults} for parameter 'max_results' supplied.`);
  const ids = new Set(input.experimentIds);
  const rows = Object.values(state.logged_models)
    .filter((m) => !m.deleted && ids.has(m.experiment_id))
    .map((m) => ({ m, metrics: loggedModelMetrics(state, m.model_id) }))
    .filter(({ m, metrics }) => matches(m, metrics, comparisons, datasets))
    .map(({ m, metrics }) => ({ m, sort: keys.map((k) => k(m, metrics)) }));
  const byCreation = orderBy.some((ob) => (ALIASES[ob.field_name ?? ''] ?? ob.field_name) === 'creation_timestamp_ms');
  rows.sort((a, b) => {
    for (let i = 0; i < keys.length; i += 1) {
      const [x, y] = [a.sort[i], b.sort[i]];
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const asc = orderBy[i].ascending ?? true;
      return (x < y ? -1 : 1) * (asc ? 1 : -1);
    }
    return byCreation ? 0 : b.m.creation_timestamp_ms - a.m.creation_timestamp_ms;
  });
  const page = rows.slice(offset, offset + maxResults).map((r) => r.m);
  const more = rows.length > offset + maxResults;
  const token: PageToken = { offset: offset + maxResults, experiment_ids: input.experimentIds, filter: input.filter || null, order_by: orderBy.length ? orderBy : null };
  return { models: page, nextPageToken: more ? Buffer.from(JSON.stringify(token)).toString('base64') : undefined };
}
