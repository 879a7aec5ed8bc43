import type { HandlerMap } from '../spec/operation-router.js';

export const MLFLOW_VERSION = '3.6.1.dev0';

const HOME = `<!doctype html>
<html lang=en>
<title>hokusai-emulator: MLflow tracking server</title>
<h1>hokusai-emulator: MLflow tracking server ${MLFLOW_VERSION}</h1>
<p>The MLflow REST API is served at <code>/api/2.0/mlflow/</code> (and <code>/ajax-api/2.0/mlflow/</code>).
The MLflow web UI is not part of the emulator.</p>
<ul>
<li><a href="docs/">Swagger UI</a></li>
<li><a href="openapi.json">OpenAPI document</a></li>
<li><a href="health">Health check</a></li>
</ul>
`;

export const serverHandlers: HandlerMap = {
  home: ({ res }) => {
    res.status(200).type('text/html; charset=utf-8').send(HOME);
  },
  health: ({ res }) => {
    res.status(200).type('text/html; charset=utf-8').send('OK');
  },
  version: ({ res }) => {
    res.status(200).type('text/html; charset=utf-8').send(MLFLOW_VERSION);
  },
};
