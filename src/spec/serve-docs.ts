import express, { type Router } from 'express';
import type { OpenAPIV3 } from 'openapi-types';
import swaggerUi from 'swagger-ui-express';

/** `GET /openapi.json` (the assembled document) and Swagger UI at `/docs`. */
export function docsRouter(doc: OpenAPIV3.Document): Router {
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(doc);
  });
  router.use('/docs', swaggerUi.serve, swaggerUi.setup(doc, { customSiteTitle: doc.info.title }));
  return router;
}
