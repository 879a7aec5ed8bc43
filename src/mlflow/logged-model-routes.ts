import type { HandlerMap } from '../spec/operation-router.js';
import { validatePathIsSafe } from './artifact-paths.js';
import { listUnderUri } from './artifacts.js';
import { loggedModelJson } from './logged-model-json.js';
import { searchLoggedModels } from './logged-model-search.js';
import {
  createLoggedModel,
  deleteLoggedModel,
  deleteLoggedModelTag,
  finalizeLoggedModel,
  getLoggedModel,
  logLoggedModelParams,
  logRunOutputs,
  setLoggedModelTags,
} from './logged-models.js';
import { compact } from './proto-json.js';

export const loggedModelHandlers: HandlerMap = {
  createLoggedModel: async ({ fields, deps }) => {
    const model = await createLoggedModel(deps, {
      experiment_id: fields.experiment_id,
      name: fields.name,
      model_type: fields.model_type,
      source_run_id: fields.source_run_id,
      params: fields.params,
      tags: fields.tags,
    });
    return { model: loggedModelJson(deps.store.data, model) };
  },

  getLoggedModel: ({ params, deps }) => ({
    model: loggedModelJson(deps.store.data, getLoggedModel(deps.store.data, params.model_id)),
  }),

  /** As the server does, the body's `model_id` (required) names the model, not the URL's. */
  finalizeLoggedModel: async ({ fields, deps }) => {
    const model = await finalizeLoggedModel(deps, fields.model_id, String(fields.status));
    return { model: loggedModelJson(deps.store.data, model) };
  },

  deleteLoggedModel: async ({ params, deps }) => {
    await deleteLoggedModel(deps, params.model_id);
    return {};
  },

  setLoggedModelTags: async ({ params, fields, deps }) => {
    await setLoggedModelTags(deps, params.model_id, fields.tags ?? []);
    return {};
  },

  deleteLoggedModelTag: async ({ params, deps }) => {
    await deleteLoggedModelTag(deps, params.model_id, params.tag_key);
    return {};
  },

  logLoggedModelParams: async ({ params, fields, deps }) => {
    await logLoggedModelParams(deps, params.model_id, fields.params ?? []);
    return {};
  },

  searchLoggedModels: ({ fields, deps }) => {
    const state = deps.store.data;
    const page = searchLoggedModels(state, {
      experimentIds: fields.experiment_ids ?? [],
      filter: fields.filter,
      datasets: fields.datasets,
      maxResults: fields.max_results,
      orderBy: fields.order_by,
      pageToken: fields.page_token,
    });
    return compact({ models: page.models.map((m) => loggedModelJson(state, m)), next_page_token: page.nextPageToken });
  },

  listLoggedModelArtifacts: async ({ params, fields, deps }) => {
    if (fields.artifact_directory_path !== undefined) validatePathIsSafe(fields.artifact_directory_path);
    const model = getLoggedModel(deps.store.data, params.model_id);
    const files = await listUnderUri(deps, model.artifact_uri, fields.artifact_directory_path);
    return compact({ root_uri: model.artifact_uri, files });
  },

  logOutputs: async ({ fields, deps }) => {
    await logRunOutputs(deps, fields.run_id, fields.models ?? []);
    return {};
  },
};
