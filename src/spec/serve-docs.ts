import express, { type Router } from 'express';
import type { OpenAPIV3 } from 'openapi-types';
import swaggerUi from 'swagger-ui-express';

/** `GET /openapi.json` (the assembled document) and Swagger UI at `/docs`. */
export function docsRouter(doc: OpenAPIV3.Document): Router {
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(doc);
  });
  const options = { customSiteTitle: doc.info.title };
  // serveFiles (not serve): each listener's UI gets its own init script, so two listeners in one
  // process do not show each other's document.
  router.use('/docs', swaggerUi.serveFiles(doc, options), swaggerUi.setup(doc, options));
  return router;
}
