import type { Handler, HandlerMap } from '../spec/operation-router.js';
import { deleteRegisteredModelAlias, getModelVersionByAlias, setRegisteredModelAlias } from './model-aliases.js';
import {
  createModelVersion,
  deleteModelVersion,
  deleteModelVersionTag,
  getModelVersion,
  getModelVersionDownloadUri,
  setModelVersionTag,
  transitionModelVersionStage,
  updateModelVersion,
} from './model-versions.js';
import { compact } from './proto-json.js';
import {
  createRegisteredModel,
  deleteRegisteredModel,
  deleteRegisteredModelTag,
  getLatestVersions,
  getRegisteredModel,
  renameRegisteredModel,
  setRegisteredModelTag,
  updateRegisteredModel,
} from './registered-models.js';
import { modelVersionJson, registeredModelJson } from './registry-json.js';
import { searchModelVersions, searchRegisteredModels } from './search/index.js';

/** Defaults of the registry searches when `max_results` is absent (the proto defaults). */
export const SEARCH_REGISTERED_MODELS_DEFAULT = 100;
export const SEARCH_MODEL_VERSIONS_DEFAULT = 200_000;

const getLatest: Handler = ({ fields, deps }) =>
  compact({ model_versions: getLatestVersions(deps.store.data, fields.name, fields.stages) });

export const registryHandlers: HandlerMap = {
  createRegisteredModel: async ({ fields, deps }) => ({
    registered_model: await createRegisteredModel(deps, { name: fields.name, tags: fields.tags, description: fields.description }),
  }),
  getRegisteredModel: ({ fields, deps }) => ({ registered_model: getRegisteredModel(deps.store.data, fields.name) }),
  renameRegisteredModel: async ({ fields, deps }) => ({
    registered_model: await renameRegisteredModel(deps, fields.name, fields.new_name),
  }),
  updateRegisteredModel: async ({ fields, deps }) => ({
    registered_model: await updateRegisteredModel(deps, fields.name, fields.description),
  }),
  deleteRegisteredModel: async ({ fields, deps }) => {
    await deleteRegisteredModel(deps, fields.name);
    return {};
  },
  getLatestVersions: getLatest,
  getLatestVersionsGet: getLatest,
  setRegisteredModelTag: async ({ fields, deps }) => {
    await setRegisteredModelTag(deps, fields.name, fields.key, fields.value ?? '');
    return {};
  },
  deleteRegisteredModelTag: async ({ fields, deps }) => {
    await deleteRegisteredModelTag(deps, fields.name, fields.key);
    return {};
  },
  searchRegisteredModels: ({ fields, deps }) => {
    const page = searchRegisteredModels(Object.values(deps.store.data.registered_models), {
      filter: fields.filter,
      orderBy: fields.order_by,
      maxResults: fields.max_results ?? SEARCH_REGISTERED_MODELS_DEFAULT,
      pageToken: fields.page_token,
    });
    return compact({ registered_models: page.items.map(registeredModelJson), next_page_token: page.nextPageToken });
  },

  createModelVersion: async ({ fields, deps }) => ({
    model_version: await createModelVersion(deps, {
      name: fields.name,
      source: fields.source,
      run_id: fields.run_id,
      tags: fields.tags,
      run_link: fields.run_link,
      description: fields.description,
      model_id: fields.model_id,
    }),
  }),
  getModelVersion: ({ fields, deps }) => ({ model_version: getModelVersion(deps.store.data, fields.name, fields.version) }),
  updateModelVersion: async ({ fields, deps }) => ({
    model_version: await updateModelVersion(deps, fields.name, fields.version, fields.description),
  }),
  transitionModelVersionStage: async ({ fields, deps }) => ({
    model_version: await transitionModelVersionStage(deps, fields.name, fields.version, fields.stage, fields.archive_existing_versions ?? false),
  }),
  deleteModelVersion: async ({ fields, deps }) => {
    await deleteModelVersion(deps, fields.name, fields.version);
    return {};
  },
  getModelVersionDownloadUri: ({ fields, deps }) => ({
    artifact_uri: getModelVersionDownloadUri(deps.store.data, fields.name, fields.version),
  }),
  setModelVersionTag: async ({ fields, deps }) => {
    await setModelVersionTag(deps, fields.name, fields.version, fields.key, fields.value ?? '');
    return {};
  },
  deleteModelVersionTag: async ({ fields, deps }) => {
    await deleteModelVersionTag(deps, fields.name, fields.version, fields.key);
    return {};
  },
  searchModelVersions: ({ fields, deps }) => {
    const live = Object.values(deps.store.data.registered_models).flatMap((model) =>
      model.versions.filter((v) => !v.deleted).map((version) => ({ model, version })),
    );
    const page = searchModelVersions(live, {
      filter: fields.filter,
      orderBy: fields.order_by,
      maxResults: fields.max_results ?? SEARCH_MODEL_VERSIONS_DEFAULT,
      pageToken: fields.page_token,
    });
    return compact({
      model_versions: page.items.map(({ model, version }) => modelVersionJson(model, version)),
      next_page_token: page.nextPageToken,
    });
  },

  setRegisteredModelAlias: async ({ fields, deps }) => {
    await setRegisteredModelAlias(deps, fields.name, fields.alias, fields.version);
    return {};
  },
  deleteRegisteredModelAlias: async ({ fields, deps }) => {
    await deleteRegisteredModelAlias(deps, fields.name, fields.alias);
    return {};
  },
  getModelVersionByAlias: ({ fields, deps }) => ({
    model_version: getModelVersionByAlias(deps.store.data, fields.name, fields.alias),
  }),
};
