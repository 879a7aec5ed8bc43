import type { NextFunction, Request, Response } from 'express';
import type { Clock, Logger } from '../context.js';

/** One line per answered request at `info` level: `mlflow POST /api/2.0/mlflow/runs/create 200 3ms`. */
export function accessLog(listener: string, log: Logger, clock: Clock) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = clock.now();
    res.on('finish', () => log.info(`${listener} ${req.method} ${req.originalUrl} ${res.statusCode} ${clock.now() - started}ms`));
    next();
  };
}
