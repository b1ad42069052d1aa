/** Paths of the open routes, master data and tokens. */
import {
  AUTHENTICATED, FORBIDDEN, NOT_FOUND, WRITE_ERRORS, errorAnswer, jsonAnswer, jsonBody, param, type Responses,
} from './responses';
import { ref, type Schema } from './schemas';

const OPEN = { security: [] };

/** A list answer `{"<key>": [<schema>]}`. */
const listAnswer = (description: string, key: string, schema: string): Schema => ({
  description,
  content: {
    'application/json': {
      schema: { type: 'object', required: [key], additionalProperties: false, properties: { [key]: { type: 'array', items: ref(schema) } } },
    },
  },
});

const invalidRows = (what: string, codes = ['invalid_rows']): Responses => ({
  422: errorAnswer(`Some ${what} are at fault; nothing was saved. problems names each (row = index into the list).`, codes),
});

/** GET and POST of one list of master data (server/routes/master-list.ts): `{"<key>": [<schema>]}` both ways. */
function masterList(m: { key: string; schema: string; name: string; list: string; upsert: string; refused: Responses }): Schema {
  return {
    get: {
      operationId: `list${m.name}`, summary: m.list, tags: ['master data'],
      responses: { 200: listAnswer(`The ${m.key}.`, m.key, m.schema), ...AUTHENTICATED },
    },
    post: {
      operationId: `upsert${m.name}`, summary: m.upsert, tags: ['master data'],
      requestBody: jsonBody({
        type: 'object', required: [m.key], additionalProperties: false,
        properties: { [m.key]: { type: 'array', items: ref(`${m.schema}Input`) } },
      }),
      responses: {
        200: jsonAnswer(`How many ${m.key} were saved.`, 'Upserted'),
        ...WRITE_ERRORS, ...AUTHENTICATED, ...FORBIDDEN, ...m.refused,
      },
    },
  };
}

export const masterPaths: Record<string, Schema> = {
  '/v1/health': {
    get: {
      operationId: 'health', summary: 'Liveness: the server and its database answer.', tags: ['basics'], ...OPEN,
      responses: { 200: jsonAnswer('Alive.', 'Health') },
    },
  },
  '/v1/openapi.json': {
    get: {
      operationId: 'openapi', summary: 'This document: the API described as OpenAPI 3.1.', tags: ['basics'], ...OPEN,
      responses: { 200: { description: 'The OpenAPI document.', content: { 'application/json': { schema: { type: 'object', required: ['openapi', 'paths'], properties: { openapi: { const: '3.1.0' }, paths: { type: 'object' } } } } } } },
    },
  },
  '/v1/me': {
    get: {
      operationId: 'me', summary: 'The token\'s workspace, role and name, so a client shows only what it may do.', tags: ['basics'],
      responses: { 200: jsonAnswer('Who is calling.', 'Me'), ...AUTHENTICATED },
    },
  },
  '/v1/items': masterList({
    key: 'items', schema: 'Item', name: 'Items',
    list: 'The item master, by SKU (every role).',
    upsert: 'Upsert items by SKU (admin). Tracking of an item with movements cannot change.',
    refused: invalidRows('items (or a GTIN already taken), or lotTracked/serialTracked of an item with movements changes (tracking_locked)', ['invalid_rows', 'tracking_locked']),
  }),
  '/v1/locations': masterList({
    key: 'locations', schema: 'Location', name: 'Locations',
    list: 'The locations, by code (every role).', upsert: 'Upsert locations by code (admin).', refused: invalidRows('locations'),
  }),
  '/v1/parties': masterList({
    key: 'parties', schema: 'Party', name: 'Parties',
    list: 'Suppliers and customers with their location descriptions, by name (every role).',
    upsert: 'Upsert parties by name (admin). A row\'s party need not be here, but the compliance exports describe only those that are.',
    refused: invalidRows('parties'),
  }),
  '/v1/tokens': {
    get: {
      operationId: 'listTokens', summary: 'The live tokens of the workspace, never their secrets (admin).', tags: ['tokens'],
      responses: { 200: listAnswer('The tokens, oldest first.', 'tokens', 'Token'), ...AUTHENTICATED, ...FORBIDDEN },
    },
    post: {
      operationId: 'createToken', summary: 'Create a token; its secret is shown once and stored hashed (admin).', tags: ['tokens'],
      requestBody: jsonBody({
        type: 'object', required: ['name', 'role'], additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, role: { enum: ['viewer', 'clerk', 'admin'] } },
      }),
      responses: {
        201: jsonAnswer('The new token.', 'TokenCreated'),
        ...WRITE_ERRORS, ...AUTHENTICATED, ...FORBIDDEN,
        409: errorAnswer('A live token of that name exists.', ['conflict']),
      },
    },
  },
  '/v1/tokens/{name}': {
    delete: {
      operationId: 'revokeToken', summary: 'Revoke a token (admin); it answers 401 from then on.', tags: ['tokens'],
      parameters: [param('TokenName')],
      responses: {
        200: jsonAnswer('Revoked.', 'TokenRevoked'), ...AUTHENTICATED, ...FORBIDDEN, ...NOT_FOUND,
        415: { $ref: '#/components/responses/UnsupportedMediaType' },
      },
    },
  },
};
