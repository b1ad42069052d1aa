import { describe, expect, it } from 'vitest';
import worker from './worker';
import { WORKER_LIMITS, workerLimits, workersLimitNote } from './worker-limits';

const ctx = { waitUntil: () => undefined, passThroughOnException: () => undefined, props: {} };

describe('the Worker entry', () => {
  it('answers 503 not_configured, naming the secret to set, when DATABASE_URL is missing', async () => {
    const res = await worker.fetch(new Request('http://w/v1/health'), {}, ctx);
    expect(res.status).toBe(503);
    const body = await res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_configured');
    expect(body.error.message).toContain('wrangler secret put DATABASE_URL');
  });

  it('answers 503 not_configured for a file: database, which only the Node server can open', async () => {
    const res = await worker.fetch(new Request('http://w/v1/health'), { DATABASE_URL: 'file:data/lotledger.db' }, ctx);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('cannot use DATABASE_URL');
  });

  it('refuses a body over the Workers limit by its length, before touching the database, saying it is the Workers limit', async () => {
    const req = new Request('http://w/v1/batches', {
      method: 'POST', body: 'x', headers: { 'content-length': String(WORKER_LIMITS.maxBodyBytes + 1), authorization: 'Bearer t' },
    });
    // An unreachable database: the answer must come before any query.
    const res = await worker.fetch(req, { DATABASE_URL: 'http://127.0.0.1:9' }, ctx);
    expect(res.status).toBe(413);
    const body = await res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('too_large');
    expect(body.error.message).toContain('Workers deployment');
  });
});

describe('the Workers limits', () => {
  it('are the measured ones unless a var overrides them with a positive whole number', () => {
    expect(workerLimits({})).toEqual(WORKER_LIMITS);
    expect(workerLimits({ LOTLEDGER_MAX_ROWS: '5000', LOTLEDGER_MAX_BODY_BYTES: '1048576' })).toEqual({ maxRows: 5000, maxBodyBytes: 1048576 });
    for (const bad of ['0', '-5', 'abc', '1e9', '', ' 10']) {
      expect(workerLimits({ LOTLEDGER_MAX_ROWS: bad })).toEqual(WORKER_LIMITS);
    }
  });

  it('are stated in the sentence a 413 carries', () => {
    expect(workersLimitNote({ maxRows: 20_000, maxBodyBytes: 8 * 1024 * 1024 }))
      .toBe(' This is the limit of the Workers deployment: at most 20,000 rows and 8 MB a request.');
  });
});

describe('the Worker site root', () => {
  it('sends a browser at / to the task pane, as the Node server does', async () => {
    const res = await worker.fetch(new Request('https://lotledger.example.workers.dev/'), {}, ctx);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://lotledger.example.workers.dev/taskpane.html');
  });
});
