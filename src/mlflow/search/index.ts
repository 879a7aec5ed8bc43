/** MLflow's search semantics: filters, order_by, max_results checks and page tokens. */
export type { SearchPage, ViewType } from './types.js';
export { searchRuns, parseRunOrderBy, sortRuns } from './search-runs.js';
export { searchExperiments, parseExperimentFilter, parseExperimentOrderBy } from './search-experiments.js';
export { searchRegisteredModels, parseModelOrderBy } from './search-registered-models.js';
export { searchModelVersions, parseVersionOrderBy, type VersionRef } from './search-model-versions.js';
export { encodePageToken, decodePageToken } from './page-token.js';
export { parseRunFilter, checkRunComparator } from './runs-filter.js';
export { parseRegistryFilter } from './registry-filter.js';
export { latestPoint } from '../metrics-latest.js';
