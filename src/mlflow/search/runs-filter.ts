/** search-runs filter and identifiers: `SearchUtils` parsing plus the SQL store's comparator checks. */
import { invalidParameter } from '../../errors/api-error.js';
import {
  type Clause,
  comparisonParts,
  filterComparisons,
  isNumberToken,
  isStringLike,
  parseStringList,
  stripQuotes,
  trimBackticks,
} from './filter-parser.js';
import { pyList, pySet } from '../../errors/python-text.js';
import { type Tok, isA, text } from './sql-tree.js';

export const METRIC_COMPARATORS = ['>', '>=', '!=', '=', '<', '<='];
export const STRING_COMPARATORS = ['!=', '=', 'LIKE', 'ILIKE'];
export const LIST_COMPARATORS = [...STRING_COMPARATORS, 'IN', 'NOT IN'];
export const RUN_NUMERIC_ATTRIBUTES = ['start_time', 'end_time', 'created', 'Created'];
const RUN_ATTRIBUTES = ['run_id', 'run_name', 'user_id', 'status', 'start_time', 'end_time', 'artifact_uri'];
export const RUN_SEARCH_KEYS = [...RUN_ATTRIBUTES, 'created', 'Created', 'run name', 'Run name', 'Run Name'];
export const RUN_ORDER_KEYS = [...RUN_ATTRIBUTES, 'created', 'Created'];
const DATASET_KEYS = ['name', 'digest', 'context'];
const ENTITIES = ['metric', 'parameter', 'tag', 'attribute', 'dataset'];
const SYNONYMS: Record<string, string> = {
  metrics: 'metric',
  parameters: 'parameter',
  param: 'parameter',
  params: 'parameter',
  tags: 'tag',
  attr: 'attribute',
  attributes: 'attribute',
  run: 'attribute',
  datasets: 'dataset',
};

/** `SearchUtils.translate_key_alias`. */
export function translateKeyAlias(key: string): string {
  if (key === 'created' || key === 'Created') return 'start_time';
  if (key === 'run name' || key === 'Run name' || key === 'Run Name') return 'run_name';
  return key;
}

/** `SearchUtils._valid_entity_type`: the canonical entity name. */
export function validEntityType(entity: string): string {
  const e = trimBackticks(entity);
  if (!ENTITIES.includes(e) && !(e in SYNONYMS)) {
    throw invalidParameter(`Invalid entity type '${e}'. Valid values are ${pyList(ENTITIES)}`);
  }
  return SYNONYMS[e] ?? e;
}

/** `SearchUtils._get_identifier`: `<entity>.<key>` or a bare attribute key. */
export function runIdentifier(identifier: string, validAttributes: string[]): { type: string; key: string } {
  const dot = identifier.indexOf('.');
  const [entity, rawKey] = dot < 0 ? ['attribute', identifier] : [identifier.slice(0, dot), identifier.slice(dot + 1)];
  const type = dot < 0 ? 'attribute' : validEntityType(entity);
  const key = trimBackticks(stripQuotes(rawKey));
  if (type === 'attribute' && !validAttributes.includes(key)) {
    throw invalidParameter(`Invalid attribute key '${key}' specified. Valid keys are '${pySet(validAttributes)}'`);
  }
  if (type === 'dataset' && !DATASET_KEYS.includes(key)) {
    throw invalidParameter(`Invalid dataset key '${key}' specified. Valid keys are '${pySet(DATASET_KEYS)}'`);
  }
  return { type, key };
}

/** `SearchUtils._get_value`, shared with search-experiments (which has other numeric attributes). */
export function runValue(type: string, key: string, token: Tok, numericAttributes: string[]): Clause['value'] {
  const value = text(token);
  if (type === 'metric') {
    if (!isNumberToken(token)) throw invalidParameter(`Expected numeric value type for metric. Found ${value}`);
    return value;
  }
  if (type === 'parameter' || type === 'tag') {
    if (isStringLike(token)) return stripQuotes(value, true);
    throw invalidParameter(`Expected a quoted string value for ${type} (e.g. 'my-value'). Got value ${value}`);
  }
  if (type === 'attribute') {
    if (numericAttributes.includes(key)) {
      if (!isNumberToken(token)) {
        throw invalidParameter(`Expected numeric value type for numeric attribute: ${key}. Found ${value}`);
      }
      return value;
    }
    if (isStringLike(token)) return stripQuotes(value, true);
    if (isA(token, 'Parenthesis')) {
      if (key !== 'run_id') {
        throw invalidParameter(
          "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
        );
      }
      return parseStringList(token);
    }
    throw invalidParameter(`Expected a quoted string value for attributes. Got value ${value}`);
  }
  // dataset
  if (DATASET_KEYS.includes(key) && isStringLike(token)) return stripQuotes(value, true);
  if (isA(token, 'Parenthesis')) return parseStringList(token);
  throw invalidParameter(`Expected a quoted string value for dataset attributes. Got value ${value}`);
}

function comparatorError(comparator: string, valid: string[], closingQuote: boolean): never {
  throw invalidParameter(`Invalid comparator '${comparator}' not one of '${pySet(valid)}${closingQuote ? "'" : ''}`);
}

/** The SQL store's per-clause comparator check (`_get_sqlalchemy_filter_clauses`). */
export function checkRunComparator(clause: Clause): void {
  const key = translateKeyAlias(clause.key);
  const c = clause.comparator;
  const numeric = RUN_NUMERIC_ATTRIBUTES.includes(key);
  if (clause.type === 'attribute' && !numeric && !LIST_COMPARATORS.includes(c)) comparatorError(c, LIST_COMPARATORS, true);
  if (clause.type === 'attribute' && numeric && !METRIC_COMPARATORS.includes(c)) comparatorError(c, LIST_COMPARATORS, false);
  if (clause.type === 'metric' && !METRIC_COMPARATORS.includes(c)) comparatorError(c, METRIC_COMPARATORS, false);
  if (clause.type === 'parameter' && !STRING_COMPARATORS.includes(c)) comparatorError(c, STRING_COMPARATORS, true);
  if (clause.type === 'tag' && !STRING_COMPARATORS.includes(c)) comparatorError(c, STRING_COMPARATORS, false);
  if (clause.type === 'dataset' && !LIST_COMPARATORS.includes(c)) comparatorError(c, LIST_COMPARATORS, false);
}

/** `SearchUtils.parse_search_filter` for runs; comparators are upper-cased as the SQL store does. */
export function parseRunFilter(filter: string | undefined): Clause[] {
  return filterComparisons(filter, true).map((comparison) => {
    const [left, op, right] = comparisonParts(comparison);
    const { type, key } = runIdentifier(text(left), RUN_SEARCH_KEYS);
    const value = runValue(type, key, right, RUN_NUMERIC_ATTRIBUTES);
    return { type, key, comparator: text(op).toUpperCase(), value };
  });
}
