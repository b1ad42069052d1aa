import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { openApiDocument } from '../openapi/document';

/** GET /v1/openapi.json: the API's own description (OpenAPI 3.1), open like /v1/health. */
export const openApiRoutes = new Hono<AppEnv>();

openApiRoutes.get('/openapi.json', (c) => c.json(openApiDocument));
