/** search-experiments: `SearchExperimentsUtils` parsing and the SQL store's `_search_experiments`. */
import { invalidParameter } from '../../errors/api-error.js';
import type { ExperimentRecord } from '../../store/schema.js';
import { compareNumber, compareString, compareValues } from './comparators.js';
import { type Clause, comparisonParts, filterComparisons, stripQuotes, trimBackticks } from './filter-parser.js';
import { parseOrderByString } from './order-by.js';
import { decodePageToken, pageLookahead } from './page-token.js';
import { pySet } from '../../errors/python-text.js';
import { LIST_COMPARATORS, METRIC_COMPARATORS, STRING_COMPARATORS, runValue, validEntityType } from './runs-filter.js';
import { text } from './sql-tree.js';
import { type SearchPage, type ViewType, validateMaxResults, viewStages } from './types.js';

const FILTER_KEYS = ['name', 'creation_time', 'last_update_time'];
const ORDER_KEYS = ['name', 'experiment_id', 'creation_time', 'last_update_time'];
const NUMERIC_KEYS = ['creation_time', 'last_update_time'];
const ENTITY_TYPES = "('attribute', 'tag', 'tags')";

/** `SearchExperimentsUtils._get_identifier` (also used by the model-version order_by). */
export function experimentIdentifier(identifier: string, validAttributes: string[]): { type: string; key: string } {
  const dot = identifier.indexOf('.');
  let type = 'attribute';
  let key = identifier;
  if (dot >= 0) {
    const entity = identifier.slice(0, dot);
    key = identifier.slice(dot + 1);
    if (!['attribute', 'tag', 'tags'].includes(entity)) {
      throw invalidParameter(`Invalid entity type '${entity}'. Valid entity types are ${ENTITY_TYPES}`);
    }
    type = validEntityType(entity);
  }
  key = trimBackticks(stripQuotes(key));
  if (type === 'attribute' && !validAttributes.includes(key)) {
    throw invalidParameter(`Invalid attribute key '${key}' specified. Valid keys are '${pySet(validAttributes)}'`);
  }
  return { type, key };
}

/** Parse a search-experiments filter; comparators stay as typed (so lower-case `like` is refused). */
export function parseExperimentFilter(filter: string | undefined): Clause[] {
  const clauses = filterComparisons(filter, false).map((comparison) => {
    const [left, op, right] = comparisonParts(comparison);
    const { type, key } = experimentIdentifier(text(left), FILTER_KEYS);
    return { type, key, comparator: text(op), value: runValue(type, key, right, NUMERIC_KEYS) };
  });
  for (const { type, key, comparator: c } of clauses) {
    if (type === 'attribute' && !NUMERIC_KEYS.includes(key)) {
      if (!LIST_COMPARATORS.includes(c)) {
        throw invalidParameter(`Invalid comparator '${c}' not one of '${pySet(LIST_COMPARATORS)}'`);
      }
      if (!STRING_COMPARATORS.includes(c)) throw invalidParameter(`Invalid comparator for string attribute: ${c}`);
    } else if (type === 'attribute' && !METRIC_COMPARATORS.includes(c)) {
      throw invalidParameter(`Invalid comparator '${c}' not one of '${pySet(LIST_COMPARATORS)}`);
    } else if (type === 'tag' && !STRING_COMPARATORS.includes(c)) {
      throw invalidParameter(`Invalid comparator for tag: ${c}`);
    }
  }
  return clauses;
}

type SortKey = [keyof ExperimentRecord, boolean];

export function parseExperimentOrderBy(orderBy: string[] | undefined): SortKey[] {
  const list = orderBy && orderBy.length > 0 ? orderBy : ['creation_time DESC', 'experiment_id ASC'];
  const keys = list.map((clause): SortKey => {
    const [value, ascending] = parseOrderByString(clause);
    const { type, key } = experimentIdentifier(value.trim(), ORDER_KEYS);
    if (type !== 'attribute') throw invalidParameter(`Invalid order_by entity: ${type}`);
    return [key as keyof ExperimentRecord, ascending];
  });
  if (!keys.some(([k]) => k === 'experiment_id')) keys.push(['experiment_id', false]);
  return keys;
}

function matches(e: ExperimentRecord, c: Clause): boolean {
  if (c.type === 'tag') {
    const v = e.tags[c.key];
    return v !== undefined && compareString(v, c.comparator, c.value as string);
  }
  if (NUMERIC_KEYS.includes(c.key)) {
    return compareNumber(e[c.key as 'creation_time' | 'last_update_time'], c.comparator, Number(c.value));
  }
  return compareString(e.name, c.comparator, c.value as string);
}

function sortValue(e: ExperimentRecord, key: keyof ExperimentRecord): number | string {
  return key === 'experiment_id' ? Number(e.experiment_id) : (e[key] as number | string);
}

export function searchExperiments(
  experiments: ExperimentRecord[],
  q: { filter?: string; orderBy?: string[]; maxResults?: number; pageToken?: string; viewType?: ViewType },
): SearchPage<ExperimentRecord> {
  const maxResults = q.maxResults ?? 0;
  validateMaxResults(maxResults, 50000);
  const clauses = parseExperimentFilter(q.filter);
  const order = parseExperimentOrderBy(q.orderBy);
  const offset = decodePageToken(q.pageToken);
  const stages = viewStages(q.viewType);
  const rows = experiments
    .filter((e) => stages.includes(e.lifecycle_stage) && clauses.every((c) => matches(e, c)))
    .sort((a, b) => {
      for (const [key, ascending] of order) {
        const d = compareValues(sortValue(a, key), sortValue(b, key));
        if (d !== 0) return ascending ? d : -d;
      }
      return 0;
    });
  return pageLookahead(rows, offset, maxResults);
}
