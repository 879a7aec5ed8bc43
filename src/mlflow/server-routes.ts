import type { HandlerMap } from '../spec/operation-router.js';

export const MLFLOW_VERSION = '3.6.1.dev0';

export const serverHandlers: HandlerMap = {
  health: ({ res }) => {
    res.status(200).type('text/html; charset=utf-8').send('OK');
  },
  version: ({ res }) => {
    res.status(200).type('text/html; charset=utf-8').send(MLFLOW_VERSION);
  },
};
