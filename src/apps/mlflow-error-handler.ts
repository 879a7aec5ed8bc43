import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../context.js';
import { ApiError } from '../errors/api-error.js';
import { htmlErrorPage } from '../errors/html-pages.js';
import { sendJson } from '../spec/operation-router.js';

/** Renders errors as the MLflow server does: ApiError → JSON; anything else → Flask's HTML page. */
export function mlflowErrorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof ApiError && err.status === 413) {
      res.status(413).type('text/html; charset=utf-8').send(htmlErrorPage(413));
      return;
    }
    if (err instanceof ApiError) {
      sendJson(res, { error_code: err.code, message: err.message }, err.status);
      return;
    }
    log.error(`${req.method} ${req.originalUrl}: ${(err as Error)?.stack ?? String(err)}`);
    const errno = err as NodeJS.ErrnoException;
    if (errno && typeof errno.code === 'string' && typeof errno.syscall === 'string') {
      // A file-system failure (disk full, permissions): MLflow's JSON 500, without our file paths.
      sendJson(res, { error_code: 'INTERNAL_ERROR', message: `${errno.code}: ${errno.syscall} failed` }, 500);
      return;
    }
    res.status(500).type('text/html; charset=utf-8').send(htmlErrorPage(500));
  };
}

export function htmlNotFound(_req: Request, res: Response): void {
  res.status(404).type('text/html; charset=utf-8').send(htmlErrorPage(404));
}
