import type { Context } from 'hono';
import { ApiError } from '../errors';
import { loneSurrogateAt } from './surrogates';
import { isJsonType, notJson } from '../middleware/content-type';

/**
 * Reads the request body as one JSON object; 400 `invalid_json` when it is not JSON or holds a
 * lone UTF-16 surrogate (libSQL stores one as bytes that are no UTF-8, and every later read of
 * the row fails), 400 `invalid_request` when it is JSON but not an object, 415 when it is
 * sent as another type.
 */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  // Also checked here: a chunked body whose headers a runtime dropped slips past jsonWrites.
  if (!isJsonType(c.req.header('content-type'))) throw notJson();
  return jsonObjectOf(await whole(bodyText(c.req.raw)));
}

/** The body `reading` reads; a body that breaks off is not valid JSON (a limit's refusal stays itself). */
async function whole<T>(reading: Promise<T>): Promise<T> {
  try {
    return await reading;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
}

/**
 * The request body's bytes, a chunk at a time as they arrived, for a post thread to decode
 * (server/post-thread): 415 when it is sent as another type. Each chunk is its own buffer,
 * which the caller may transfer.
 */
export async function readBodyChunks(c: Context): Promise<Uint8Array[]> {
  if (!isJsonType(c.req.header('content-type'))) throw notJson();
  return whole(chunksOf(c.req.raw));
}

async function chunksOf(request: Request): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  // A buffer of its own, which can be handed over whole (transferred, not copied); the
  // stream's own may be a view on a larger one that something else still uses.
  for await (const chunk of arriving(request)) chunks.push(chunk.slice());
  return chunks;
}

/** The body's chunks as they arrive. */
async function* arriving(request: Request): AsyncGenerator<Uint8Array> {
  if (request.body === null) return;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/** The text of `chunks`, decoded one at a time (see bodyText). */
export function decodeChunks(chunks: readonly Uint8Array[]): string {
  const decoder = new TextDecoder();
  const parts = chunks.map((chunk) => decoder.decode(chunk, { stream: true }));
  parts.push(decoder.decode());
  return parts.join('');
}

/**
 * A request body's text as one JSON object; 400 `invalid_json` when it is not JSON or holds a
 * lone UTF-16 surrogate, 400 `invalid_request` when it is JSON but not an object.
 */
export function jsonObjectOf(text: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
  const where = loneSurrogateAt(text, body);
  if (where !== null) {
    throw new ApiError('invalid_json',
      `The request body holds a lone UTF-16 surrogate (half of a character) at ${where}; send the text as valid Unicode.`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('invalid_request', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

/**
 * The body's text, decoded a chunk at a time as it arrives. Reading it whole first (as
 * `Request.text()` does) holds the chunks and then one buffer of the whole body, outside the
 * JavaScript heap: for a 100,000-row sheet 35 MB of large allocations, which the C allocator
 * keeps for the process after they are freed. Chunks are small and die young. The text is not
 * kept for later readers of the request (none read it again).
 */
async function bodyText(request: Request): Promise<string> {
  const decoder = new TextDecoder();
  const parts: string[] = [];
  for await (const chunk of arriving(request)) parts.push(decoder.decode(chunk, { stream: true }));
  parts.push(decoder.decode());
  return parts.join('');
}

/** Refuses fields a request object does not know, naming the first one (a typo must not pass silently). */
export function onlyKnownFields(obj: Record<string, unknown>, known: readonly string[], what: string): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) {
      throw new ApiError('invalid_request', `${what} has an unknown field '${key}'; known fields: ${known.join(', ')}.`);
    }
  }
}

/** The `name` path parameter or similar, checked as a short plain string. */
export function shortText(v: unknown, what: string, max = 255): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > max) {
    throw new ApiError('invalid_request', `${what} must be a text of 1–${max} characters.`);
  }
  return v.trim();
}
