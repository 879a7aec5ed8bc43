import type { Request } from 'express';
import type { HandlerMap } from '../spec/operation-router.js';
import { checkBatchRequestSize, logBatch, readBatch, requestJson } from './log-batch.js';
import { getMetricHistory, getMetricHistoryBulkInterval, logMetric } from './metrics.js';
import { deleteRunTag, logParam, setRunTag } from './params-tags.js';
import { compact } from './proto-json.js';
import { runInfoJson, runJson } from './run-json.js';
import { logInputs, logModel } from './run-inputs.js';
import { createRun, deleteRun, getRun, restoreRun, updateRun } from './runs.js';
import { searchRuns } from './search/index.js';

const rawBody = (req: Request) => (req as Request & { rawBodyText?: string }).rawBodyText;

/** Runs, params, metrics, tags, batch and inputs logging, run search and metric history. */
export const runHandlers: HandlerMap = {
  createRun: async ({ fields, deps }) => {
    const run = await createRun(deps, {
      experiment_id: fields.experiment_id,
      user_id: fields.user_id,
      run_name: fields.run_name,
      start_time: fields.start_time,
      tags: fields.tags,
    });
    return { run: runJson(deps.store.data, run, { outputs: false }) };
  },
  getRun: ({ fields, deps }) => ({
    run: runJson(deps.store.data, getRun(deps.store.data, fields.run_id), { outputs: true }),
  }),
  updateRun: async ({ fields, deps }) => {
    const run = await updateRun(deps, fields.run_id, {
      status: fields.status,
      end_time: fields.end_time,
      run_name: fields.run_name,
    });
    return { run_info: runInfoJson(run) };
  },
  deleteRun: async ({ fields, deps }) => {
    await deleteRun(deps, fields.run_id);
    return {};
  },
  restoreRun: async ({ fields, deps }) => {
    await restoreRun(deps, fields.run_id);
    return {};
  },
  logMetric: async ({ fields, deps }) => {
    await logMetric(deps, fields.run_id, {
      key: fields.key,
      value: fields.value,
      timestamp: fields.timestamp,
      step: fields.step ?? 0,
      model_id: fields.model_id,
      dataset_name: fields.dataset_name,
      dataset_digest: fields.dataset_digest,
    });
    return {};
  },
  logParam: async ({ fields, deps }) => {
    await logParam(deps, fields.run_id, fields.key, fields.value ?? '');
    return {};
  },
  setTag: async ({ fields, deps }) => {
    await setRunTag(deps, fields.run_id, fields.key, fields.value ?? '');
    return {};
  },
  deleteTag: async ({ fields, deps }) => {
    await deleteRunTag(deps, fields.run_id, fields.key);
    return {};
  },
  logBatch: async ({ fields, req, deps }) => {
    const text = rawBody(req);
    checkBatchRequestSize(text);
    await logBatch(deps, fields.run_id, readBatch(requestJson(text)));
    return {};
  },
  logInputs: async ({ fields, deps }) => {
    await logInputs(deps, fields.run_id, fields.datasets, fields.models);
    return {};
  },
  logModel: async ({ fields, deps }) => {
    await logModel(deps, fields.run_id, fields.model_json);
    return {};
  },
  searchRuns: ({ fields, deps }) => {
    const state = deps.store.data;
    const ids = new Set<string>(fields.experiment_ids ?? []);
    const page = searchRuns(
      Object.values(state.runs).filter((r) => ids.has(r.experiment_id)),
      state.datasets,
      {
        filter: fields.filter,
        orderBy: fields.order_by,
        maxResults: fields.max_results ?? 1000,
        pageToken: fields.page_token,
        viewType: fields.run_view_type,
      },
    );
    return compact({
      runs: page.items.map((run) => runJson(state, run, { outputs: true })),
      next_page_token: page.nextPageToken,
    });
  },
  getMetricHistory: ({ fields, deps }) =>
    compact(getMetricHistory(deps.store.data, fields.run_id, fields.metric_key, fields.max_results, fields.page_token)),
  getMetricHistoryBulkInterval: ({ fields, deps }) =>
    compact(
      getMetricHistoryBulkInterval(deps.store.data, {
        runIds: fields.run_ids,
        key: fields.metric_key,
        startStep: fields.start_step,
        endStep: fields.end_step,
        maxResults: fields.max_results,
      }),
    ),
};
