import express, { type Express } from 'express';
import type { Deps } from '../context.js';
import { accessLog } from './access-log.js';
import { mlflowHandlers } from '../mlflow/index.js';
import { loadSpec } from '../spec/load-spec.js';
import { operationRouter } from '../spec/operation-router.js';
import { docsRouter } from '../spec/serve-docs.js';
import { htmlNotFound, mlflowErrorHandler } from './mlflow-error-handler.js';

/** The MLflow listener: the tracking API, the artifact proxy, `/health`, `/version`, docs. */
export function createMlflowApp(deps: Deps): Express {
  const doc = loadSpec('mlflow');
  const app = express();
  app.disable('x-powered-by');
  app.use(accessLog('mlflow', deps.log, deps.clock));
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(docsRouter(doc));
  app.use(operationRouter(doc, mlflowHandlers, deps));
  app.use(htmlNotFound);
  app.use(mlflowErrorHandler(deps.log));
  return app;
}
