import { describe, expect, it } from 'vitest';
import { ApiRequestError, NetworkError, apiClient } from './client';

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
});
