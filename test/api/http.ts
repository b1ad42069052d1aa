/**
 * A tiny HTTP client for the API tests: JSON in, `{status, body, headers}` out. Every answer is
 * held to the API's own description (./contract.ts): an undocumented status, content type or
 * JSON shape throws, failing the test that got it.
 */
import type { Target } from './target';
import { contractBreach } from './contract';

export interface Answer<T = any> { status: number; body: T; headers: Headers }

export interface Api {
  get<T = any>(path: string): Promise<Answer<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>>;
  delete<T = any>(path: string): Promise<Answer<T>>;
  /** Sends a raw body (a string or bytes) as it is, for malformed and oversized requests. */
  raw<T = any>(method: string, path: string, body: BodyInit | null, headers?: Record<string, string>): Promise<Answer<T>>;
}

/**
 * @example const admin = api(target, target.adminToken); await admin.get('/v1/me')
 */
export function api(target: Target, token: string | null): Api {
  const send = async (method: string, path: string, body: BodyInit | null, headers: Record<string, string> = {}) => {
    const res = await fetch(target.baseUrl + path, {
      method,
      body,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== null ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
    });
    const text = await res.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
    const breach = contractBreach(method, path, res.status, res.headers.get('content-type'), parsed, res.headers);
    if (breach) throw new Error(`The answer breaks docs/API.md's machine-readable form (GET /v1/openapi.json): ${breach}`);
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  return {
    get: (p) => send('GET', p, null),
    post: (p, b, h) => send('POST', p, b === undefined ? null : JSON.stringify(b), h),
    delete: (p) => send('DELETE', p, null),
    raw: (m, p, b, h) => send(m, p, b, h),
  };
}

/**
 * POSTs `size` bytes of spaces to a path as a stream with no Content-Length, as a client that
 * lies about (or never states) its body size would: a body limit must count what arrives.
 */
export function postStreamed(target: Target, token: string, path: string, size: number): Promise<Response> {
  const stream = new ReadableStream({
    start(controller) {
      for (let sent = 0; sent < size; sent += 1 << 20) controller.enqueue(new Uint8Array(Math.min(1 << 20, size - sent)).fill(0x20));
      controller.close();
    },
  });
  return fetch(`${target.baseUrl}${path}`, {
    method: 'POST', body: stream, duplex: 'half',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  } as RequestInit);
}
