/**
 * The OpenAPI 3.1 description of the whole API, served at GET /v1/openapi.json: a plain
 * object built from the parts beside it (no file is read, so it serves on Workers as on Node).
 * test/api keeps it true: every route of the app is in it, and every JSON answer the HTTP
 * suite gets validates against the schema documented for its path, method and status.
 */
import { ledgerPaths } from './paths-ledger';
import { pickPaths, pickSchemas } from './paths-picks';
import { masterPaths } from './paths-master';
import { parameters, responses } from './responses';
import { schemas } from './schemas';

export const openApiDocument = {
  openapi: '3.1.0',
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  info: {
    title: 'LotLedger API',
    version: '1',
    summary: 'Checked lot and serial records: items, locations, posted batches of movements, traces and reports.',
    description: [
      'JSON in and out, UTF-8. Every route but /v1/health and /v1/openapi.json needs `Authorization: Bearer <token>`;',
      'roles: viewer (read), clerk (+ post and void batches), admin (+ items, locations, tokens).',
      'Every error answers `{"error": {"code", "message"}}`, plus `problems` when rows are at fault.',
      'Any other path (or another method on a path) answers 404 not_found, or 401 under /v1 without a valid token.',
      'A write whose body is not application/json answers 415; the contract in words: docs/API.md.',
    ].join(' '),
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }],
  tags: [
    { name: 'basics' }, { name: 'master data' }, { name: 'tokens' }, { name: 'batches' }, { name: 'trace and reports' }, { name: 'holds' },
  ],
  paths: { ...masterPaths, ...ledgerPaths, ...pickPaths },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A LotLedger token (ll_…).' } },
    schemas: { ...schemas, ...pickSchemas },
    responses,
    parameters,
  },
} as const;
