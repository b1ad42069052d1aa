import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startNodeServer, type NodeServer } from '../node';
import { runningThread } from '../db/sqlite-thread';
import { POST_THREAD_BYTES } from '../routes/batches';

// A post of POST_THREAD_BYTES or more runs on the post thread (post-thread.ts), the rest here.
// Both answer alike; these tests send posts large enough to go there.
const ADMIN = 'post-thread-admin-token-0001';
const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
const today = new Date().toISOString().slice(0, 10);
let dir: string;
let file: string;
let server: NodeServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-post-thread-'));
  file = path.join(dir, 'ledger.db');
  server = await startNodeServer({ port: 0, databaseUrl: `file:${file}`, adminToken: ADMIN, rateLimit: false, limits: { maxRows: 60_000 } });
  const items = [{ sku: 'SER-1', name: 'Pump', lotTracked: true, serialTracked: true, requiresExpiry: false }];
  expect((await call('POST', '/v1/items', { items })).status).toBe(200);
  expect((await call('POST', '/v1/locations', { locations: [{ code: 'A' }] })).status).toBe(200);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, p: string, body?: unknown, more: Record<string, string> = {}) {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${server.url}${p}`, { method, headers: { ...headers, ...more }, body: text });
  return { status: res.status, body: await res.json() as any };
}

/** Serial receipts: about 115 bytes a row, so 10,000 rows are over POST_THREAD_BYTES. */
const receipts = (n: number, tag: string) => Array.from({ length: n }, (_, i) => (
  { type: 'receive', date: today, sku: 'SER-1', lot: `${tag}-L${Math.floor(i / 1000)}`, serial: `${tag}-${String(i).padStart(6, '0')}`, to: 'A', ref: `PO-${tag}` }));

describe('the post thread', () => {
  it('posts a large batch, replays it under its key, and the ledger has it whole', async () => {
    const body = { rows: receipts(10_000, 'big') };
    expect(JSON.stringify(body).length).toBeGreaterThan(POST_THREAD_BYTES);
    const posted = await call('POST', '/v1/batches', body, { 'idempotency-key': 'big-1' });
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({ batchId: expect.stringMatching(/^B-/), posted: 10_000, warnings: [] });
    const again = await call('POST', '/v1/batches', body, { 'idempotency-key': 'big-1' });
    expect(again).toEqual({ status: 201, body: { ...posted.body, replayed: true } });
    const batch = await call('GET', `/v1/batches/${posted.body.batchId}`);
    expect(batch.body.movements).toHaveLength(10_000);
    const dry = await call('POST', '/v1/batches', { rows: receipts(10_000, 'dry'), dryRun: true });
    expect(dry).toEqual({ status: 200, body: { ok: true, problems: [] } });
  });

  it('refuses as the route does: bad rows, bad JSON, too many rows, another body under a used key', async () => {
    const rows = receipts(10_000, 'bad');
    rows[9500] = { ...rows[9500], serial: rows[10].serial }; // a serial twice in one batch
    const refused = await call('POST', '/v1/batches', { rows });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('invalid_rows');
    expect(refused.body.problems.some((p: { row: number }) => p.row === 9500)).toBe(true);
    const notJson = await call('POST', '/v1/batches', `{"rows": [${'{"type":"receive"},'.repeat(70_000)}`);
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('invalid_json');
    const tooMany = await call('POST', '/v1/batches', { rows: receipts(60_001, 'many') });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.code).toBe('too_large');
    const other = await call('POST', '/v1/batches', { rows: receipts(10_000, 'other') }, { 'idempotency-key': 'big-1' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_conflict');
    expect((await call('GET', '/v1/trace/lot?sku=SER-1&lot=bad-L0')).status).toBe(404); // nothing of the refused post
  });

  it('leaves this thread free: it only reads the bytes and answers while a large post is parsed and checked', async () => {
    const body = JSON.stringify({ rows: receipts(50_000, 'free') });
    const before = performance.eventLoopUtilization();
    const posted = await call('POST', '/v1/batches', body);
    const busy = performance.eventLoopUtilization(before);
    expect(posted.status).toBe(201);
    // Here: the test's own client sending 8.6 MB and the server reading it. Parsing, checking and
    // the write's JSON, on this thread, kept it busy for most of the post.
    expect(busy.utilization).toBeLessThan(0.35);
  });

  it('rolls back the write of a post thread that ends mid-post, and the next post starts a new one', async () => {
    const posting = call('POST', '/v1/batches', { rows: receipts(50_000, 'cut') });
    await new Promise((r) => setTimeout(r, 400)); // its write under way
    await server.posts!.stop();
    const cut = await posting;
    expect(cut.status).toBe(500);
    expect((await call('GET', '/v1/trace/lot?sku=SER-1&lot=cut-L0')).status).toBe(404);
    const next = await call('POST', '/v1/batches', { rows: receipts(10_000, 'after-cut') });
    expect(next.status).toBe(201);
  });

  it('starts a new post thread on the file\'s new SQLite threads when they died', async () => {
    await runningThread(file)!.crash();
    const posted = await call('POST', '/v1/batches', { rows: receipts(10_000, 'after-crash') });
    expect(posted.status).toBe(201);
    expect((await call('GET', '/v1/trace/lot?sku=SER-1&lot=after-crash-L0')).status).toBe(200);
  });
});
