/** search-model-versions as the registry SQL store runs it. */
import { invalidParameter } from '../../errors/api-error.js';
import type { ModelVersionRecord, RegisteredModelRecord } from '../../store/schema.js';
import { compareValues } from './comparators.js';
import { duplicateOrderBy, parseOrderByString } from './order-by.js';
import { decodePageToken, pageLookahead } from './page-token.js';
import { pySet } from '../../errors/python-text.js';
import {
  IS_PROMPT_TAG,
  attributeMatches,
  effectiveTagClauses,
  isQueryingPrompt,
  parseRegistryFilter,
  tagsMatch,
} from './registry-filter.js';
import { experimentIdentifier } from './search-experiments.js';
import type { SearchPage } from './types.js';

export interface VersionRef {
  model: RegisteredModelRecord;
  version: ModelVersionRecord;
}

const ORDER_KEYS = ['name', 'version_number', 'creation_timestamp', 'last_updated_timestamp'];
const DEFAULT_ORDER = ['last_updated_timestamp DESC', 'name ASC', 'version_number DESC'];
type Field = 'name' | 'version' | 'creation_timestamp' | 'last_updated_timestamp';

/** `_parse_search_model_versions_order_by`, then name ASC and version DESC unless given. */
export function parseVersionOrderBy(orderBy: string[] | undefined): [Field, boolean][] {
  const list = orderBy && orderBy.length > 0 ? orderBy : DEFAULT_ORDER;
  const keys: [Field, boolean][] = [];
  for (const clause of list) {
    const [value, ascending] = parseOrderByString(clause);
    const { key } = experimentIdentifier(value.trim(), ORDER_KEYS);
    if (!ORDER_KEYS.includes(key)) {
      throw invalidParameter(`Invalid order by key '${key}' specified. Valid keys are ${pySet(ORDER_KEYS)}`);
    }
    const field: Field = key === 'version_number' ? 'version' : (key as Field);
    if (keys.some(([f]) => f === field)) throw duplicateOrderBy(list);
    keys.push([field, ascending]);
  }
  if (!keys.some(([f]) => f === 'name')) keys.push(['name', true]);
  if (!keys.some(([f]) => f === 'version')) keys.push(['version', false]);
  return keys;
}

function attribute(ref: VersionRef, key: string): string | number {
  if (key === 'name') return ref.model.name;
  if (key === 'version_number') return ref.version.version;
  if (key === 'source_path') return ref.version.source;
  return ref.version.run_id;
}

const sortValue = (ref: VersionRef, field: Field): string | number =>
  field === 'name' ? ref.model.name : ref.version[field];

/** Whether any version of the model (deleted ones too) carries the prompt tag, as the store's anti-join sees it. */
const isPromptModel = (ref: VersionRef): boolean =>
  ref.model.versions.some((v) => v.tags[IS_PROMPT_TAG] === 'true');

/** Search model versions; deleted versions never appear. */
export function searchModelVersions(
  versions: VersionRef[],
  q: { filter?: string; orderBy?: string[]; maxResults: number; pageToken?: string },
): SearchPage<VersionRef> {
  if (!Number.isInteger(q.maxResults) || q.maxResults < 1) {
    throw invalidParameter(`Invalid value for max_results. It must be a positive integer, but got ${q.maxResults}`);
  }
  if (q.maxResults > 200000) {
    throw invalidParameter(
      `Invalid value for request parameter max_results. It must be at most 200000, but got value ${q.maxResults}`,
    );
  }
  const clauses = parseRegistryFilter(q.filter, true);
  const order = parseVersionOrderBy(q.orderBy);
  const offset = decodePageToken(q.pageToken);
  const prompts = isQueryingPrompt(clauses);
  const tagClauses = effectiveTagClauses(clauses, prompts);
  const rows = versions
    .filter(
      (ref) =>
        !ref.version.deleted &&
        (prompts || !isPromptModel(ref)) &&
        clauses.every((c) => c.type !== 'attribute' || attributeMatches(attribute(ref, c.key), c)) &&
        tagsMatch(ref.version.tags, tagClauses),
    )
    .sort((a, b) => {
      for (const [field, ascending] of order) {
        const d = compareValues(sortValue(a, field), sortValue(b, field));
        if (d !== 0) return ascending ? d : -d;
      }
      return 0;
    });
  return pageLookahead(rows, offset, q.maxResults);
}
