import type { HandlerMap } from '../spec/operation-router.js';
import { searchExperiments } from './search/index.js';
import {
  createExperiment,
  deleteExperiment,
  deleteExperimentTag,
  experimentJson,
  getExperiment,
  getExperimentByName,
  renameExperiment,
  restoreExperiment,
  setExperimentTag,
} from './experiments.js';
import { compact } from './proto-json.js';

export const experimentHandlers: HandlerMap = {
  createExperiment: async ({ fields, deps }) => ({
    experiment_id: await createExperiment(deps, { name: fields.name, artifact_location: fields.artifact_location, tags: fields.tags }),
  }),
  getExperiment: ({ fields, deps }) => ({ experiment: experimentJson(getExperiment(deps.store.data, fields.experiment_id)) }),
  getExperimentByName: ({ fields, deps }) => ({
    experiment: experimentJson(getExperimentByName(deps.store.data, fields.experiment_name)),
  }),
  searchExperiments: ({ fields, deps }) => {
    const page = searchExperiments(Object.values(deps.store.data.experiments), {
      filter: fields.filter,
      orderBy: fields.order_by,
      maxResults: fields.max_results,
      pageToken: fields.page_token,
      viewType: fields.view_type,
    });
    return compact({ experiments: page.items.map(experimentJson), next_page_token: page.nextPageToken });
  },
  deleteExperiment: async ({ fields, deps }) => {
    await deleteExperiment(deps, fields.experiment_id);
    return {};
  },
  restoreExperiment: async ({ fields, deps }) => {
    await restoreExperiment(deps, fields.experiment_id);
    return {};
  },
  updateExperiment: async ({ fields, deps }) => {
    await renameExperiment(deps, fields.experiment_id, fields.new_name);
    return {};
  },
  setExperimentTag: async ({ fields, deps }) => {
    await setExperimentTag(deps, fields.experiment_id, fields.key, fields.value ?? '');
    return {};
  },
  deleteExperimentTag: async ({ fields, deps }) => {
    await deleteExperimentTag(deps, fields.experiment_id, fields.key);
    return {};
  },
};
