/** search-registered-models as the registry SQL store runs it. */
import { invalidParameter } from '../../errors/api-error.js';
import type { RegisteredModelRecord } from '../../store/schema.js';
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
import type { SearchPage } from './types.js';

type ModelSortKey = ['name' | 'last_updated_timestamp', boolean];

/** `_parse_search_registered_models_order_by`: name / timestamp / last_updated_timestamp, then name ASC. */
export function parseModelOrderBy(orderBy: string[] | undefined): ModelSortKey[] {
  const keys: ModelSortKey[] = [];
  for (const clause of orderBy ?? []) {
    const [raw, ascending] = parseOrderByString(clause);
    const value = raw.trim();
    if (!['timestamp', 'last_updated_timestamp', 'name'].includes(value)) {
      throw invalidParameter(`Invalid order by key '${value}' specified. Valid keys are '${pySet(['name', 'timestamp'])}'`);
    }
    const field = value === 'name' ? 'name' : 'last_updated_timestamp';
    if (keys.some(([f]) => f === field)) throw duplicateOrderBy(orderBy!);
    keys.push([field, ascending]);
  }
  if (!keys.some(([f]) => f === 'name')) keys.push(['name', true]);
  return keys;
}

/**
 * Search registered models. The store refuses max_results above 1000 (the HTTP handler checks that
 * first with its own message); prompts (tag `mlflow.prompt.is_prompt` = 'true') are left out unless
 * the filter asks for them.
 */
export function searchRegisteredModels(
  models: RegisteredModelRecord[],
  q: { filter?: string; orderBy?: string[]; maxResults: number; pageToken?: string },
): SearchPage<RegisteredModelRecord> {
  if (q.maxResults > 1000) {
    throw invalidParameter(
      `Invalid value for request parameter max_results. It must be at most 1000, but got value ${q.maxResults}`,
    );
  }
  const clauses = parseRegistryFilter(q.filter, false);
  const order = parseModelOrderBy(q.orderBy);
  const offset = decodePageToken(q.pageToken);
  const prompts = isQueryingPrompt(clauses);
  const tagClauses = effectiveTagClauses(clauses, prompts);
  const rows = models
    .filter(
      (m) =>
        (prompts || m.tags[IS_PROMPT_TAG] !== 'true') &&
        clauses.every((c) => c.type !== 'attribute' || attributeMatches(m.name, c)) &&
        tagsMatch(m.tags, tagClauses),
    )
    .sort((a, b) => {
      for (const [key, ascending] of order) {
        const d = compareValues(a[key], b[key]);
        if (d !== 0) return ascending ? d : -d;
      }
      return 0;
    });
  return pageLookahead(rows, offset, q.maxResults);
}
