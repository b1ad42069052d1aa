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
  '/v1/items': {
    get: {
      operationId: 'listItems', summary: 'The item master, by SKU (every role).', tags: ['master data'],
      responses: { 200: listAnswer('The items.', 'items', 'Item'), ...AUTHENTICATED },
    },
    post: {
      operationId: 'upsertItems', summary: 'Upsert items by SKU (admin). Tracking of an item with movements cannot change.', tags: ['master data'],
      requestBody: jsonBody({
        type: 'object', required: ['items'], additionalProperties: false,
        properties: { items: { type: 'array', items: ref('ItemInput') } },
      }),
      responses: {
        200: jsonAnswer('How many items were saved.', 'Upserted'),
        ...WRITE_ERRORS, ...AUTHENTICATED, ...FORBIDDEN,
        ...invalidRows('items (or a GTIN already taken), or lotTracked/serialTracked of an item with movements changes (tracking_locked)', ['invalid_rows', 'tracking_locked']),
      },
    },
  },
  '/v1/locations': {
    get: {
      operationId: 'listLocations', summary: 'The locations, by code (every role).', tags: ['master data'],
      responses: { 200: listAnswer('The locations.', 'locations', 'Location'), ...AUTHENTICATED },
    },
    post: {
      operationId: 'upsertLocations', summary: 'Upsert locations by code (admin).', tags: ['master data'],
      requestBody: jsonBody({
        type: 'object', required: ['locations'], additionalProperties: false,
        properties: { locations: { type: 'array', items: ref('LocationInput') } },
      }),
      responses: {
        200: jsonAnswer('How many locations were saved.', 'Upserted'),
        ...WRITE_ERRORS, ...AUTHENTICATED, ...FORBIDDEN, ...invalidRows('locations'),
      },
    },
  },
  '/v1/parties': {
    get: {
      operationId: 'listParties', summary: 'Suppliers and customers with their location descriptions, by name (every role).', tags: ['master data'],
      responses: { 200: listAnswer('The parties.', 'parties', 'Party'), ...AUTHENTICATED },
    },
    post: {
      operationId: 'upsertParties', summary: 'Upsert parties by name (admin). A row\'s party need not be here, but the compliance exports describe only those that are.', tags: ['master data'],
      requestBody: jsonBody({
        type: 'object', required: ['parties'], additionalProperties: false,
        properties: { parties: { type: 'array', items: ref('PartyInput') } },
      }),
      responses: {
        200: jsonAnswer('How many parties were saved.', 'Upserted'),
        ...WRITE_ERRORS, ...AUTHENTICATED, ...FORBIDDEN, ...invalidRows('parties'),
      },
    },
  },
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
