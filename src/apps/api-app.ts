import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Deps } from '../context.js';
import { accessLog } from './access-log.js';
import { ApiError } from '../errors/api-error.js';
import { loadSpec } from '../spec/load-spec.js';
import { operationRouter, type HandlerMap } from '../spec/operation-router.js';
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
    res.status(404).json({ detail: 'Not Found' });
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ApiError) {
      res.status(err.status).json({ detail: err.message });
      return;
    }
    deps.log.error(`${req.method} ${req.originalUrl}: ${(err as Error)?.stack ?? String(err)}`);
    res.status(500).json({ detail: 'Internal server error' });
  });
  return app;
}
