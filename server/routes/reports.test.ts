import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerStore } from '../db/port';
import { createApp } from '../app';
import { openDatabase } from '../db/client';
import { migrate } from '../db/migrate';
import { createWorkspace } from '../workspaces';
import { parseCsv } from '../ledger/csv';
import { movementFilter } from '../ledger/reports/movements';
import { streamMovementsCsv } from '../ledger/reports/movements-csv';

// The app on a fixed clock (2030-06-15), in process: "today" of the reports is the
// app's clock, so the edges of an expiry window are checked on exact days.
const NOW = new Date('2030-06-15T23:59:00Z');
let dir: string;
let db: LedgerStore;
let workspaceId: number;
let get: (p: string) => Promise<Response>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-reports-'));
  db = await openDatabase(`file:${path.join(dir, 'ledger.db')}`);
  await migrate(db);
  const ws = await createWorkspace(db, 'clock', undefined, NOW);
  workspaceId = ws.workspaceId;
  const app = createApp({ store: db, now: () => NOW, rateLimit: false });
  const call = (method: string, p: string, body?: unknown) =>
    app.request(p, {
      method,
      headers: { authorization: `Bearer ${ws.adminToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  get = async (p) => call('GET', p);
  expect((await call('POST', '/v1/items', { items: [{ sku: 'VAC-10', name: 'Vaccine', lotTracked: true, serialTracked: false, requiresExpiry: true }] })).status).toBe(200);
  expect((await call('POST', '/v1/locations', { locations: [{ code: 'COLD-1' }] })).status).toBe(200);
  const rows = [
    { lot: 'PAST', expiry: '2030-06-14' },
    { lot: 'TODAY', expiry: '2030-06-15' },
    { lot: 'IN-5', expiry: '2030-06-20' },
    { lot: 'IN-6', expiry: '2030-06-21' },
  ].map((l, i) => ({ type: 'receive', date: `2030-06-0${i + 1}`, sku: 'VAC-10', qty: 10 + i, to: 'COLD-1', ref: `PO-${i}`, ...l }));
  const posted = await call('POST', '/v1/batches', { rows });
  expect(posted.status, await posted.clone().text()).toBe(201);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('reports on the app clock', () => {
  it('counts expiry days from the app\'s today: yesterday is expired, today is not, the window\'s last day is in', async () => {
    const five = await (await get('/v1/reports/expiring?days=5')).json();
    expect(five.today).toBe('2030-06-15');
    expect(five.lots.map((l: any) => [l.lot, l.daysLeft, l.expired])).toEqual([['PAST', -1, true], ['TODAY', 0, false], ['IN-5', 5, false]]);
  });

  it('dates the live on-hand answer with the app\'s today', async () => {
    const res = await (await get('/v1/reports/on-hand')).json();
    expect(res.asOf).toBe('2030-06-15');
    expect(res.rows.map((r: any) => [r.lot, r.qty])).toEqual([['IN-5', 12], ['IN-6', 13], ['PAST', 10], ['TODAY', 11]]);
  });
});

describe('the movement record as CSV', () => {
  it('streams page after page with the same records, in the same order, as one read of the window', async () => {
    const whole = await (await get('/v1/reports/movements?format=csv')).text();
    const filter = await movementFilter(db, workspaceId, {});
    const reader = streamMovementsCsv(db, filter, null, 1).getReader();
    const chunks: string[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(new TextDecoder().decode(r.value));
    // The header, then one chunk per page of one row: never the whole window at once.
    expect(chunks).toHaveLength(5);
    expect(chunks.join('')).toBe(whole);
    expect(parseCsv(whole).slice(1).map((r) => r[5])).toEqual(['PAST', 'TODAY', 'IN-5', 'IN-6']);
  });
});

describe('any query a client can send', () => {
  const PATHS = ['/v1/trace/lot', '/v1/trace/serial', '/v1/reports/recall', '/v1/reports/expiring', '/v1/reports/on-hand', '/v1/reports/movements'];
  const NAMES = ['sku', 'lot', 'serial', 'days', 'asOf', 'location', 'from', 'to', 'limit', 'cursor', 'format'];
  const value = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('VAC-10', 'PAST', '2030-06-15', '2030-02-30', '-1', '0', '10000', 'csv', 'json', '', ' ', '%', '\u0000'));

  it('is answered with a figure or a clear 4xx, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), fc.array(fc.tuple(fc.constantFrom(...NAMES), value), { maxLength: 5 }), async (p, params) => {
        const query = params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
        const res = await get(`${p}?${query}`);
        expect([200, 400, 404, 409]).toContain(res.status);
        if (res.status !== 200) {
          const body = await res.json();
          expect(body.error.code).toMatch(/^(invalid_query|not_found|ambiguous_serial)$/);
          expect(body.error.message.length).toBeGreaterThan(10);
        } else {
          await res.arrayBuffer();
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each(['%', '%E0%A4%A', '%ZZ', '%C0%AF'])('reads a malformed escape (%s) as a 4xx, never a 500', async (raw) => {
    for (const p of ['/v1/trace/lot?sku=VAC-10&lot=', '/v1/reports/on-hand?sku=', '/v1/reports/recall?sku=VAC-10&lot=']) {
      const res = await get(p + raw);
      expect(res.status, p + raw).toBeGreaterThanOrEqual(400);
      expect(res.status, p + raw).toBeLessThan(500);
    }
  });
});
