import { describe, expect, it } from 'vitest';
import { ApiRequestError, NetworkError, apiClient, keepsIdempotencyKey, outcomeUnknown } from './client';

type Call = { url: string; init: RequestInit };
const fakeFetch = (answer: (c: Call) => Response | Promise<Response>) => {
  const calls: Call[] = [];
  const f = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return answer({ url, init });
  }) as unknown as typeof fetch;
  return { f, calls };
};
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('the pane’s API client', () => {
  it('sends the bearer token to the server it was given', async () => {
    const { f, calls } = fakeFetch(() => json(200, { workspace: 'default', role: 'clerk', tokenName: 'ann' }));
    expect(await apiClient({ baseUrl: 'https://ledger.example/', token: 't0k' }, f).me()).toEqual({ workspace: 'default', role: 'clerk', tokenName: 'ann' });
    expect(calls[0].url).toBe('https://ledger.example/v1/me');
    expect((calls[0].init.headers as Record<string, string>).Authorization).toBe('Bearer t0k');
  });

  it('posts with the idempotency key and asks the dry run with dryRun true', async () => {
    const { f, calls } = fakeFetch((c) => (JSON.parse(String(c.init.body)).dryRun ? json(200, { ok: true, problems: [] }) : json(201, { batchId: 'B-1', posted: 1, warnings: [] })));
    const api = apiClient({ baseUrl: '', token: 't' }, f);
    await api.dryRun({ rows: [{ sku: 'A' }] });
    await api.postBatch({ rows: [{ sku: 'A' }] }, 'key-1');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ rows: [{ sku: 'A' }], dryRun: true });
    expect((calls[1].init.headers as Record<string, string>)['Idempotency-Key']).toBe('key-1');
    expect(JSON.parse(String(calls[1].init.body)).dryRun).toBe(false);
  });

  it('turns an error answer into a typed error with status, code and the problems of the rows', async () => {
    const problems = [{ row: 0, field: 'qty', code: 'invalid', severity: 'error', message: 'Quantity -5 must be more than 0.' }];
    const { f } = fakeFetch(() => json(422, { error: { code: 'invalid_rows', message: '1 row has errors.' }, problems }));
    const err = await apiClient({ baseUrl: '', token: 't' }, f).postBatch({ rows: [] }, 'k').catch((e) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ status: 422, code: 'invalid_rows', message: '1 row has errors.', problems });
  });

  it('reports a proxy’s HTML error page by its status', async () => {
    const { f } = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(apiClient({ baseUrl: '', token: 't' }, f).me()).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });

  it('tells a network failure apart from an answer', async () => {
    const f = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
    const err = await apiClient({ baseUrl: 'https://down.example', token: 't' }, f).me().catch((e) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.message).toContain('https://down.example');
  });

  it('keeps the idempotency key when the outcome of a post is unknown, and drops it only on the API’s own refusal', async () => {
    const failureOf = (answer: () => Response | Promise<Response>) =>
      apiClient({ baseUrl: '', token: 't' }, fakeFetch(answer).f).postBatch({ rows: [] }, 'k').catch((e: unknown) => e);
    const html = (status: number, statusText: string) => () => new Response(`<html>${statusText}</html>`, { status, statusText });
    const kept = {
      'no answer': await apiClient({ baseUrl: '', token: 't' }, (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch).postBatch({ rows: [] }, 'k').catch((e: unknown) => e),
      '504 from a gateway': await failureOf(html(504, 'Gateway Timeout')),
      '502 from a proxy': await failureOf(html(502, 'Bad Gateway')),
      '503 busy from the API': await failureOf(() => json(503, { error: { code: 'busy', message: 'Another program is writing.' } })),
      '500 from the API': await failureOf(() => json(500, { error: { code: 'internal', message: 'Something went wrong.' } })),
      '408 page from a proxy': await failureOf(html(408, 'Request Timeout')),
      '4xx JSON of another shape': await failureOf(() => json(429, { message: 'slow down' })),
      '201 that is not JSON': await failureOf(() => new Response('<html>ok</html>', { status: 201 })),
      'still in progress': await failureOf(() => json(409, { error: { code: 'idempotency_in_progress', message: 'Still being processed.' } })),
    };
    const dropped = {
      '422 rows refused': await failureOf(() => json(422, { error: { code: 'invalid_rows', message: '1 row has errors.' }, problems: [] })),
      '409 key conflict': await failureOf(() => json(409, { error: { code: 'idempotency_conflict', message: 'Another body.' } })),
      '403 role too low': await failureOf(() => json(403, { error: { code: 'forbidden', message: 'Clerks only.' } })),
      'a bug in the pane': new TypeError('x is undefined'),
    };
    for (const [what, e] of Object.entries(kept)) expect(keepsIdempotencyKey(e), what).toBe(true);
    for (const [what, e] of Object.entries(dropped)) expect(keepsIdempotencyKey(e), what).toBe(false);
    expect(outcomeUnknown(kept['still in progress'])).toBe(false);
    expect(outcomeUnknown(kept['504 from a gateway'])).toBe(true);
  });
});
