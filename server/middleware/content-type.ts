/**
 * Writes speak JSON: a POST, PUT, PATCH or DELETE that carries a body of another media type
 * (text/plain, a form) is refused with 415 before anything reads it. A write without a body
 * (a revoke) needs no Content-Type. Only `application/json` (with parameters such as
 * `charset=utf-8`) counts: the API reads no other type, `+json` ones included.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_TYPE = /^\s*application\/json\s*(;|$)/i;

/** True for `application/json`, with or without parameters. */
export const isJsonType = (contentType: string | undefined): boolean => JSON_TYPE.test(contentType ?? '');

/** The answer to a body of another type. */
export const notJson = () => new ApiError('unsupported_media_type', 'Send JSON with Content-Type: application/json.');

/** True when the request says it carries a body: a length above 0, or a chunked stream. */
export function hasBody(headers: Headers): boolean {
  const length = headers.get('content-length');
  if (length !== null) return length.trim() !== '0';
  return headers.has('transfer-encoding');
}

/**
 * @example v1.use('*', jsonWrites)
 */
export const jsonWrites = createMiddleware<AppEnv>(async (c, next) => {
  if (WRITES.has(c.req.method) && hasBody(c.req.raw.headers) && !isJsonType(c.req.header('content-type'))) throw notJson();
  await next();
});
