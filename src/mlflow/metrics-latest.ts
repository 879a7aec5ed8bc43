/** The "latest" point of a metric as MLflow's SQL store keeps it in `latest_metrics`. */
import type { MetricPoint } from '../store/schema.js';

const valueOf = (p: MetricPoint): number => (p.is_nan ? 0 : p.value);

/** Whether `a` is strictly greater than `b` by (step, timestamp, value), a NaN counting as 0. */
function greater(a: MetricPoint, b: MetricPoint): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  return valueOf(a) > valueOf(b);
}

/**
 * The greatest point by (step, timestamp, value); among equal tuples the first logged one stays, as
 * the store only replaces its latest point with a strictly greater one. Undefined for no points.
 */
export function latestPoint(points: MetricPoint[]): MetricPoint | undefined {
  const cached = scanned.get(points);
  let latest = cached?.latest;
  for (let i = cached?.count ?? 0; i < points.length; i += 1) {
    if (latest === undefined || greater(points[i], latest)) latest = points[i];
  }
  scanned.set(points, { count: points.length, latest });
  return latest;
}

/** Histories are append-only, so each array is scanned once and then only its new points are. */
const scanned = new WeakMap<MetricPoint[], { count: number; latest: MetricPoint | undefined }>();
