/**
 * What only the Workers deployment must show: the ledger held by a libSQL server reached
 * over HTTP, posts that cost a fixed number of round trips, two Workers racing on one
 * database, and the memory-bound limits of an isolate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient as createNodeClient } from '@libsql/client';
import { createClient as createWebClient } from '@libsql/client/web';
import { clientStore } from '../../server/db/remote-store';
import { inject } from 'vitest';
import { createApp } from '../../server/app';
import { WORKER_LIMITS } from '../../server/worker-limits';
import { startTarget, type Target } from '../api/target';
import { api, postStreamed, type Api } from '../api/http';
import { day, freshWorkspace, postOk, type Workspace } from '../api/fixtures';

let target: Target;
let ws: Workspace;
const sqld = createNodeClient({ url: inject('workerTarget').dbUrl });
beforeAll(async () => {
  target = await startTarget();
  ws = await freshWorkspace(target, 'remote');
});
afterAll(async () => {
  sqld.close();
  await target?.stop();
});

/** A second "Worker": the same app over its own HTTP client to the same sqld, counting requests. */
function secondWorker(token: string): { client: Api; requests: () => number } {
  let requests = 0;
  const db = createWebClient({
    url: inject('workerTarget').dbUrl,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => { requests++; return fetch(input, init); },
  });
  const app = createApp({ store: clientStore(db), limits: WORKER_LIMITS });
  const base = 'http://second-worker.local';
  const viaApp = { name: 'worker' as const, baseUrl: base } as Target;
  const realFetch = globalThis.fetch;
  const client = api(viaApp, token);
  // api() calls the global fetch; route this client's calls into the in-process app instead.
  const routed: Api = Object.fromEntries(Object.entries(client).map(([k, fn]) => [k, async (...args: unknown[]) => {
    globalThis.fetch = ((url: string, init?: RequestInit) =>
      String(url).startsWith(base) ? app.request(String(url).slice(base.length), init) : realFetch(url, init)) as typeof fetch;
    try { return await (fn as (...a: unknown[]) => Promise<unknown>)(...args); } finally { globalThis.fetch = realFetch; }
  }])) as unknown as Api;
  return { client: routed, requests: () => requests };
}

const receipt = (serial: string) => ({ type: 'receive', date: day(0), sku: 'PUMP-3', serial, to: 'WH1-A', ref: 'PO-1' });

describe('the Workers deployment over a libSQL server', () => {
  it('keeps what workerd posts in the libSQL server, where the CLI and a second instance see it', async () => {
    const batchId = await postOk(ws.admin, [receipt('SQLD-1')]);
    const { rows } = await sqld.execute({ sql: 'SELECT serial FROM movement WHERE batch_id = ?', args: [batchId] });
    expect(rows.map((r) => r.serial)).toEqual(['SQLD-1']);
  });

  it('posts 2,000 rows in the same few round trips to the database as 10 rows, idempotency key included', async () => {
    const second = secondWorker(ws.token);
    const roundTrips = async (n: number, tag: string) => {
      const before = second.requests();
      const rows = Array.from({ length: n }, (_, i) => receipt(`${tag}-${i}`));
      const res = await second.client.post('/v1/batches', { rows }, { 'idempotency-key': `${tag}-key` });
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
      return second.requests() - before;
    };
    const small = await roundTrips(10, 'RT-S');
    const large = await roundTrips(2_000, 'RT-L');
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(6);
  });

  it('lets exactly one of two Workers receive the same serial when their posts race', async () => {
    const second = secondWorker(ws.token);
    for (let round = 0; round < 8; round++) {
      const serial = `TWO-${round}`;
      const answers = await Promise.all([ws.admin.post('/v1/batches', { rows: [receipt(serial)] }),
        second.client.post('/v1/batches', { rows: [receipt(serial)] })]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
      expect(answers.find((a) => a.status === 422)!.body.problems[0].code).toBe('serial_exists');
    }
    const { rows } = await sqld.execute(`SELECT count(*) AS n FROM movement WHERE serial LIKE 'TWO-%'`);
    expect(Number(rows[0].n)).toBe(8);
  });

  it('never lets two Workers shipping the same lot take it below zero', async () => {
    await postOk(ws.admin, [{ type: 'receive', date: day(0), sku: 'VAC-10', lot: 'TWO-L', expiry: day(200), qty: 100, to: 'COLD-1', ref: 'PO-2' }]);
    const second = secondWorker(ws.token);
    const ship = { type: 'ship', date: day(0), sku: 'VAC-10', lot: 'TWO-L', qty: 30, from: 'COLD-1', party: 'Clinic', ref: 'SO-1' };
    const answers = await Promise.all([0, 1, 2, 3].map((i) =>
      // four orders (a ref each): one order four times would be repeats, not a race
      (i % 2 === 0 ? ws.admin : second.client).post('/v1/batches', { rows: [{ ...ship, ref: `SO-${i}` }] })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 422]);
    const onHand = await ws.admin.get('/v1/trace/lot?sku=VAC-10&lot=TWO-L');
    expect(onHand.body.onHand).toEqual([{ location: 'COLD-1', qty: 10 }]);
  });

  it('refuses a sheet over the Workers row limit with 413, saying it is the Workers deployment\'s limit', async () => {
    const rows = Array.from({ length: WORKER_LIMITS.maxRows + 1 }, (_, i) => receipt(`BIG-${i}`));
    const res = await ws.admin.post('/v1/batches', { rows });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
    expect(res.body.error.message).toContain('Workers deployment');
    expect(res.body.error.message).toContain(WORKER_LIMITS.maxRows.toLocaleString('en-US'));
    const { rows: stored } = await sqld.execute(`SELECT count(*) AS n FROM movement WHERE serial LIKE 'BIG-%'`);
    expect(Number(stored[0].n)).toBe(0);
  });

  it('refuses a body over the Workers byte limit with 413, counting bytes streamed without a length', async () => {
    const size = WORKER_LIMITS.maxBodyBytes + 1024;
    const res = await postStreamed(target, ws.token, '/v1/batches', size);
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.error.code).toBe('too_large');
    expect(body.error.message).toContain('Workers deployment');
  });

  it('posts a sheet of exactly the Workers row limit in one batch', async () => {
    const rows = Array.from({ length: WORKER_LIMITS.maxRows }, (_, i) => ({
      ...receipt(`MAX-${i}`), lot: `MAXL-${Math.floor(i / 1000)}`, party: 'Acme Medical',
    }));
    const res = await ws.admin.post('/v1/batches', { rows });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    expect(res.body.posted).toBe(WORKER_LIMITS.maxRows);
  });
});
