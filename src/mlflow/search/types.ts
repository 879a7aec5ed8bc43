/** Shared types and checks of the search functions. */
import { invalidParameter } from '../../errors/api-error.js';
import type { LifecycleStage } from '../../store/schema.js';

export interface SearchPage<T> {
  items: T[];
  nextPageToken?: string;
}

export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

/** `LifecycleStage.view_type_to_stages` (default ACTIVE_ONLY). */
export function viewStages(viewType: ViewType | undefined): LifecycleStage[] {
  if (viewType === 'DELETED_ONLY') return ['deleted'];
  if (viewType === 'ALL') return ['active', 'deleted'];
  return ['active'];
}

/** The tracking store's `_validate_max_results_param`. */
export function validateMaxResults(maxResults: number, threshold: number): void {
  if (maxResults < 1) {
    throw invalidParameter(
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be a positive integer`,
    );
  }
  if (maxResults > threshold) {
    throw invalidParameter(
      `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be at most ${threshold}`,
    );
  }
}
