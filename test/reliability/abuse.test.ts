/**
 * Abuse: a per-token rate limit that a clerk never meets but a runaway script does (429 with
 * Retry-After, nothing stored), set by LOTLEDGER_RATE_LIMIT; and CORS that gives pages on
 * other origins nothing, unless LOTLEDGER_CORS_ORIGINS lists them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedgerTarget, type LedgerTarget } from './support/ledger-target';
import { startServerProcess } from './support/server-process';
import { tableCounts } from './support/ledger-invariants';
import { day, figure } from './support/soak';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const receipt = (i: number) => ({ type: 'receive', date: day(0), sku: 'BULK-C', qty: 1, to: 'A', ref: `PO-${i}` });

describe('the default rate limit', () => {
  let t: LedgerTarget;
  // undefined: the app's own default (600 a minute, bursts of 200), as `npm start` runs it.
  beforeAll(async () => { t = await startLedgerTarget({ rateLimit: undefined }); });
  afterAll(() => t?.stop());

  it('is never met by a clerk pasting, checking, posting 50 batches at once and retrying them', async () => {
    const ws = await t.workspace('busy-clerk');
    const clerk = t.client(await t.token(ws.admin, 'clerk', 'clerk'));
    let requests = 0;
    const statuses = new Set<number>();
    const note = (s: number) => { requests++; statuses.add(s); };
    // Checking a sheet as it is pasted and fixed: a dry run per edit, some in quick succession.
    for (let i = 0; i < 60; i++) note((await clerk.post('/v1/batches', { rows: [receipt(i)], dryRun: true })).status);
    // Fifty posts sent at once, then each retried under its own key after a network error.
    const posts = await Promise.all(Array.from({ length: 50 }, (_, i) => clerk.post('/v1/batches', { rows: [receipt(i)] }, { 'idempotency-key': `k-${i}` })));
    posts.forEach((p) => note(p.status));
    const retries = await Promise.all(Array.from({ length: 50 }, (_, i) => clerk.post('/v1/batches', { rows: [receipt(i)] }, { 'idempotency-key': `k-${i}` })));
    retries.forEach((p) => note(p.status));
    // Then the reports for the day.
    for (const p of ['/v1/me', '/v1/items', '/v1/locations', '/v1/batches', '/v1/reports/on-hand', '/v1/reports/movements']) note((await clerk.get(p)).status);
    expect([...statuses].sort()).toEqual([200, 201]);
    figure('a busy clerk under the default limit', { requests, limited: 0 });
  });
});

describe('a tight rate limit', () => {
  let t: LedgerTarget;
  beforeAll(async () => { t = await startLedgerTarget({ rateLimit: { perMinute: 60, burst: 5 } }); });
  afterAll(() => t?.stop());

  it('answers 429 rate_limited with Retry-After once a token has spent its burst, stores nothing, and lets it go on after the wait', async () => {
    const ws = await t.workspace('script');
    const script = t.client(await t.token(ws.admin, 'script', 'clerk'));
    const other = t.client(await t.token(ws.admin, 'other', 'clerk'));
    for (let i = 0; i < 5; i++) expect((await script.get('/v1/me')).status).toBe(200);
    const before = await tableCounts(t.db);
    const refused = await script.post('/v1/batches', { rows: [receipt(1)] });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(refused.body.error.message).toMatch(/60 requests a minute/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await tableCounts(t.db)).toEqual(before);
    // Another token, and the unauthenticated health check, are not held back.
    expect((await other.get('/v1/me')).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/v1/health`)).status).toBe(200);
    await sleep(Number(refused.headers.get('retry-after')) * 1000 + 50);
    expect((await script.post('/v1/batches', { rows: [receipt(1)] })).status).toBe(201);
  });
});

describe('LOTLEDGER_RATE_LIMIT and LOTLEDGER_CORS_ORIGINS on the real server', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(path.join(tmpdir(), 'lotledger-abuse-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const token = 'll_abuse_test_admin_token_0123456789';

  it('limit each token as set, and let only the listed origins call from a browser', async () => {
    const server = await startServerProcess(path.join(dir, 'a.db'), token, {
      LOTLEDGER_RATE_LIMIT: '120:3', LOTLEDGER_CORS_ORIGINS: 'https://intranet.example',
    });
    try {
      const auth = { authorization: `Bearer ${token}` };
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push((await fetch(`${server.url}/v1/me`, { headers: auth })).status);
      expect(answers).toEqual([200, 200, 200, 429]);

      const preflight = (origin: string) => fetch(`${server.url}/v1/batches`, {
        method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      const evil = await preflight('https://evil.example');
      expect(evil.status).toBe(403);
      expect(evil.headers.get('access-control-allow-origin')).toBeNull();
      const listed = await preflight('https://intranet.example');
      expect(listed.status).toBe(204);
      expect(listed.headers.get('access-control-allow-origin')).toBe('https://intranet.example');
      // A simple request from another page is answered, but without the header the browser
      // needs to let that page read it.
      const read = await fetch(`${server.url}/v1/health`, { headers: { origin: 'https://evil.example' } });
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
      const ours = await fetch(`${server.url}/v1/health`, { headers: { origin: 'https://intranet.example' } });
      expect(ours.headers.get('access-control-allow-origin')).toBe('https://intranet.example');
      // The pane, on the server's own origin, needs no CORS at all.
      const pane = await fetch(`${server.url}/v1/health`, { headers: { origin: server.url } });
      expect(pane.status).toBe(200);
    } finally {
      await server.kill();
    }
  });

  it('refuse to start on a setting they cannot read, and say which', async () => {
    await expect(startServerProcess(path.join(dir, 'b.db'), token, { LOTLEDGER_RATE_LIMIT: 'lots', LOTLEDGER_CORS_ORIGINS: '*' }))
      .rejects.toThrow(/LOTLEDGER_RATE_LIMIT=lots[\s\S]*LOTLEDGER_CORS_ORIGINS/);
  });
});
