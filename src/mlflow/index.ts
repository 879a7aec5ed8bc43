import type { HandlerMap } from '../spec/operation-router.js';
import { artifactHandlers } from './artifact-routes.js';
import { experimentHandlers } from './experiments-routes.js';
import { loggedModelHandlers } from './logged-model-routes.js';
import { registryHandlers } from './registry-routes.js';
import { runHandlers } from './runs-routes.js';
import { serverHandlers } from './server-routes.js';

/** Every MLflow operation's handler, by operationId. */
export const mlflowHandlers: HandlerMap = {
  ...serverHandlers,
  ...experimentHandlers,
  searchExperimentsGet: experimentHandlers.searchExperiments,
  ...runHandlers,
  ...registryHandlers,
  ...artifactHandlers,
  ...loggedModelHandlers,
};
