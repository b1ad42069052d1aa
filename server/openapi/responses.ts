/**
 * Building blocks of the paths: answers (JSON, CSV), error answers narrowed to the codes a
 * route can give, and the shared parameters.
 */
import { ref, type Schema } from './schemas';

export type Responses = Record<string, Schema>;

export const CSV_TYPE = 'text/csv';

/** A JSON answer with a component schema. */
export const jsonAnswer = (description: string, schema: string): Schema => ({
  description,
  content: { 'application/json': { schema: ref(schema) } },
});

/** A report's answer: JSON by default, its main list as CSV with `?format=csv`. */
export const reportAnswer = (description: string, schema: string, csvHolds: string): Schema => ({
  description: `${description} With format=csv: ${csvHolds} as CSV (text/csv; charset=utf-8), a header row of the JSON field names, RFC 4180 quoting, formula-like text cells prefixed with '.`,
  content: {
    'application/json': { schema: ref(schema) },
    [CSV_TYPE]: { schema: { type: 'string' } },
  },
});

const retryAfter = (required: boolean): Schema => ({
  description: 'Whole seconds to wait before trying again.',
  required,
  schema: { type: 'string', pattern: '^\\d+$' },
});

/** The error body, its code narrowed to `codes`. */
const errorSchema = (codes: readonly string[]): Schema => ({
  allOf: [ref('Error'), { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: [...codes] } } } } }],
});

/** An error answer with the codes it can carry, and Retry-After when the client should wait. */
export const errorAnswer = (description: string, codes: readonly string[], headers?: Record<string, Schema>): Schema => ({
  description: `${description} Codes: ${codes.join(', ')}.`,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: errorSchema(codes) } },
});

const responseRef = (name: string): Schema => ({ $ref: `#/components/responses/${name}` });

/** Error answers every route behind a token may give. */
export const AUTHENTICATED: Responses = { 401: responseRef('Unauthorized'), 429: responseRef('RateLimited') };

export const responses: Record<string, Schema> = {
  Unauthorized: {
    ...errorAnswer('No token, or a token that is unknown or revoked.', ['unauthorized']),
    headers: { 'WWW-Authenticate': { description: 'Bearer realm="lotledger" (with error="invalid_token" for a bad token).', required: true, schema: { type: 'string' } } },
  },
  Forbidden: errorAnswer('The token\'s role is too low for this route.', ['forbidden']),
  RateLimited: errorAnswer('This token sent more requests than the deployment\'s per-token limit allows.', ['rate_limited'],
    { 'Retry-After': retryAfter(true) }),
  NotFound: errorAnswer('Not in this workspace (another workspace\'s data is answered exactly like data that does not exist), or no such route.', ['not_found']),
  InvalidQuery: errorAnswer('A query parameter is missing or malformed; the message names it.', ['invalid_query']),
  TooLarge: errorAnswer('The body is larger than the deployment takes (32 MB; less on Workers), or holds more rows than it takes (100,000; less on Workers).', ['too_large']),
  UnsupportedMediaType: errorAnswer('The body is of another type than application/json.', ['unsupported_media_type']),
  BadBody: errorAnswer('The body is not well-formed JSON (or holds a lone UTF-16 surrogate), or is JSON of the wrong shape; the message names the place.', ['invalid_json', 'invalid_request']),
  Busy: errorAnswer('The database is held by another process (busy), or other posts kept getting in first (conflict); nothing was stored.', ['busy', 'conflict'],
    { 'Retry-After': retryAfter(true) }),
};

/** Error answers of a route that takes a JSON body and writes. */
export const WRITE_ERRORS: Responses = {
  400: responseRef('BadBody'), 413: responseRef('TooLarge'), 415: responseRef('UnsupportedMediaType'), 503: responseRef('Busy'),
};
export const FORBIDDEN: Responses = { 403: responseRef('Forbidden') };
export const NOT_FOUND: Responses = { 404: responseRef('NotFound') };
export const INVALID_QUERY: Responses = { 400: responseRef('InvalidQuery') };

export const param = (name: string): Schema => ({ $ref: `#/components/parameters/${name}` });
const query = (name: string, description: string, required = false, schema: Schema = { type: 'string', maxLength: 200 }): Schema => ({
  name, in: 'query', required, description, schema,
});

export const parameters: Record<string, Schema> = {
  Format: query('format', 'json (default) or csv.', false, { enum: ['json', 'csv'], default: 'json' }),
  Sku: query('sku', 'The item\'s SKU.', true),
  OptionalSku: query('sku', 'Only this item.'),
  Lot: query('lot', 'The lot code.', true),
  FromDate: query('from', 'From this day (inclusive), YYYY-MM-DD.', false, { type: 'string', format: 'date' }),
  ToDate: query('to', 'Up to this day (inclusive), YYYY-MM-DD.', false, { type: 'string', format: 'date' }),
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Recommended. The same key with the same body answers the first answer again (with "replayed": true) and posts nothing new; with another body → 409 idempotency_conflict; while the first is still being processed → 409 idempotency_in_progress. A request refused with 422 stores nothing and does not hold its key, so the key may be used again with another body.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  },
  BatchId: { name: 'id', in: 'path', required: true, description: 'The batch id (B-…).', schema: { type: 'string' } },
  TokenName: { name: 'name', in: 'path', required: true, description: 'The token\'s name.', schema: { type: 'string' } },
};

/** A JSON request body with a schema. */
export const jsonBody = (schema: Schema, description?: string): Schema => ({
  required: true,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema } },
});
