import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Deps } from '../context.js';
import { accessLog } from './access-log.js';
import { ApiError } from '../errors/api-error.js';
import { loadSpec } from '../spec/load-spec.js';
import { operationRouter, sendJson, type HandlerMap } from '../spec/operation-router.js';
import { docsRouter } from '../spec/serve-docs.js';

const apiHandlers: HandlerMap = {
  apiHealth: ({ deps }) => ({
    status: 'healthy',
    version: '1.0.0',
    services: { api: 'healthy', dependency_checks: 'skipped' },
    timestamp: new Date(deps.clock.now()).toISOString(),
    system_info: null,
  }),
};

/** The Hokusai API listener (FastAPI-style answers). */
export function createApiApp(deps: Deps): Express {
  const doc = loadSpec('hokusai');
  const app = express();
  app.disable('x-powered-by');
  app.use(accessLog('api', deps.log, deps.clock));
  app.use(docsRouter(doc));
  app.use(operationRouter(doc, apiHandlers, deps));
  app.use((_req: Request, res: Response) => {
    sendJson(res, { detail: 'Not Found' }, 404);
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ApiError) {
      sendJson(res, { detail: err.message }, err.status);
      return;
    }
    deps.log.error(`${req.method} ${req.originalUrl}: ${(err as Error)?.stack ?? String(err)}`);
    sendJson(res, { detail: 'Internal server error' }, 500);
  });
  return app;
}
