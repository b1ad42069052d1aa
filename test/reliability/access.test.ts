/**
 * Access: every route for every kind of caller gets the documented answer (401 without a
 * live token, 403 below the role, 2xx at or above it), a refused caller changes nothing,
 * another workspace's lots, serials, batches, locations and tokens are answered exactly as
 * ones that do not exist (OWASP API1), and token secrets never reach the database file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedgerTarget, type LedgerTarget } from './support/ledger-target';
import { tableCounts } from './support/ledger-invariants';
import { day, figure } from './support/soak';
import type { Api } from '../api/http';

type Role = 'viewer' | 'clerk' | 'admin';
let t: LedgerTarget;
let secrets: string[] = [];
let mine: { admin: Api; clerk: Api; viewer: Api; revokedToken: string; adminToken: string };
let theirs: { admin: Api; batchId: string };

const receive = (extra: Record<string, unknown>) => ({ type: 'receive', date: day(0), to: 'A', ref: 'PO-1', ...extra });
// The same row, posted again and again by the routes' calls: the repeats are confirmed (duplicate protection).
const bulk = { rows: [receive({ sku: 'BULK-C', qty: 1 })], duplicatesConfirmed: true };
let n = 0;
const unique = (p: string) => `${p}-${n++}`;

beforeAll(async () => {
  t = await startLedgerTarget();
  const a = await t.workspace('access-mine');
  const clerkToken = await t.token(a.admin, 'my-clerk', 'clerk');
  const viewerToken = await t.token(a.admin, 'my-viewer', 'viewer');
  const revokedToken = await t.token(a.admin, 'my-revoked', 'admin');
  expect((await a.admin.delete('/v1/tokens/my-revoked')).status).toBe(200);
  mine = { admin: a.admin, clerk: t.client(clerkToken), viewer: t.client(viewerToken), revokedToken, adminToken: a.token };
  expect((await a.admin.post('/v1/batches', { rows: [receive({ sku: 'LOT-A', lot: 'L1', qty: 50 }), receive({ sku: 'SER-B', serial: 'S1' })] })).status).toBe(201);

  // Another company on the same server, with things named like ours and things only it has.
  const b = await t.workspace('access-theirs');
  const theirClerk = await t.token(b.admin, 'their-clerk', 'clerk');
  expect((await b.admin.post('/v1/items', { items: [{ sku: 'SECRET-SKU', name: 'Their product', lotTracked: true, serialTracked: false }] })).status).toBe(200);
  expect((await b.admin.post('/v1/locations', { locations: [{ code: 'SECRET-LOC', name: 'Their vault' }] })).status).toBe(200);
  const posted = await b.admin.post('/v1/batches', { rows: [
    receive({ sku: 'LOT-A', lot: 'THEIR-LOT', qty: 7, party: 'Their Supplier', ref: 'THEIR-PO' }),
    receive({ sku: 'SER-B', serial: 'THEIR-SN', ref: 'THEIR-PO' }),
    receive({ sku: 'SER-B', serial: 'S1', to: 'SECRET-LOC', ref: 'THEIR-PO' }),
    receive({ sku: 'SECRET-SKU', lot: 'X1', qty: 1, to: 'SECRET-LOC', ref: 'THEIR-PO' }),
    { type: 'ship', date: day(0), sku: 'LOT-A', lot: 'THEIR-LOT', qty: 2, from: 'A', party: 'Their Customer', ref: 'THEIR-SO' },
  ] });
  expect(posted.status, JSON.stringify(posted.body)).toBe(201);
  theirs = { admin: b.admin, batchId: posted.body.batchId };
  secrets = [a.token, clerkToken, viewerToken, revokedToken, b.token, theirClerk];
});
afterAll(() => t?.stop());

interface Route { name: string; role: Role | null; call(c: Api): Promise<{ status: number; body: any }> }

// Every route of docs/API.md, each with a request that is right in every way but the caller.
const routes: Route[] = [
  { name: 'GET /v1/health', role: null, call: (c) => c.get('/v1/health') },
  { name: 'GET /v1/me', role: 'viewer', call: (c) => c.get('/v1/me') },
  { name: 'GET /v1/items', role: 'viewer', call: (c) => c.get('/v1/items') },
  { name: 'POST /v1/items', role: 'admin', call: (c) => c.post('/v1/items', { items: [{ sku: unique('NEW'), name: 'n', lotTracked: false, serialTracked: false }] }) },
  { name: 'GET /v1/locations', role: 'viewer', call: (c) => c.get('/v1/locations') },
  { name: 'POST /v1/locations', role: 'admin', call: (c) => c.post('/v1/locations', { locations: [{ code: unique('LOC') }] }) },
  { name: 'GET /v1/tokens', role: 'admin', call: (c) => c.get('/v1/tokens') },
  { name: 'POST /v1/tokens', role: 'admin', call: (c) => c.post('/v1/tokens', { name: unique('tok'), role: 'viewer' }) },
  {
    name: 'DELETE /v1/tokens/:name', role: 'admin', call: async (c) => {
      const name = unique('doomed');
      expect((await mine.admin.post('/v1/tokens', { name, role: 'viewer' })).status).toBe(201);
      return c.delete(`/v1/tokens/${name}`);
    },
  },
  { name: 'POST /v1/batches', role: 'clerk', call: (c) => c.post('/v1/batches', bulk) },
  { name: 'POST /v1/batches (dry run)', role: 'clerk', call: (c) => c.post('/v1/batches', { rows: [receive({ sku: 'BULK-C', qty: 1 })], dryRun: true }) },
  { name: 'GET /v1/batches', role: 'viewer', call: (c) => c.get('/v1/batches') },
  {
    name: 'GET /v1/batches/:id', role: 'viewer', call: async (c) => {
      const b = await mine.admin.post('/v1/batches', bulk);
      return c.get(`/v1/batches/${b.body.batchId}`);
    },
  },
  {
    name: 'POST /v1/batches/:id/void', role: 'clerk', call: async (c) => {
      const b = await mine.admin.post('/v1/batches', bulk);
      return c.post(`/v1/batches/${b.body.batchId}/void`, { reason: 'access test' });
    },
  },
  { name: 'GET /v1/trace/lot', role: 'viewer', call: (c) => c.get('/v1/trace/lot?sku=LOT-A&lot=L1') },
  { name: 'GET /v1/trace/serial', role: 'viewer', call: (c) => c.get('/v1/trace/serial?serial=S1&sku=SER-B') },
  { name: 'GET /v1/reports/recall', role: 'viewer', call: (c) => c.get('/v1/reports/recall?sku=LOT-A&lot=L1') },
  { name: 'GET /v1/reports/expiring', role: 'viewer', call: (c) => c.get('/v1/reports/expiring?days=30') },
  { name: 'GET /v1/reports/on-hand', role: 'viewer', call: (c) => c.get('/v1/reports/on-hand') },
  { name: 'GET /v1/reports/movements', role: 'viewer', call: (c) => c.get('/v1/reports/movements') },
  { name: 'GET /v1/reports/movements (CSV)', role: 'viewer', call: (c) => c.get('/v1/reports/movements?format=csv') },
  { name: 'GET /v1/trace/genealogy', role: 'viewer', call: (c) => c.get('/v1/trace/genealogy?sku=LOT-A&lot=L1&direction=down') },
  { name: 'POST /v1/holds', role: 'clerk', call: (c) => c.post('/v1/holds', { sku: 'LOT-A', lots: ['L1'], reason: 'access test' }) },
  { name: 'POST /v1/holds/release', role: 'clerk', call: (c) => c.post('/v1/holds/release', { sku: 'LOT-A', lots: ['L1'], reason: 'access test' }) },
  { name: 'GET /v1/holds', role: 'viewer', call: (c) => c.get('/v1/holds?active=true') },
];
const RANK: Record<Role, number> = { viewer: 0, clerk: 1, admin: 2 };

describe('every route for every caller', () => {
  it('answers 401 without a live token, 403 below the role, 2xx at or above it, and a refusal changes nothing', async () => {
    const callers: { name: string; role: Role | 'none'; client: () => Api }[] = [
      { name: 'no token', role: 'none', client: () => t.client(null) },
      { name: 'unknown token', role: 'none', client: () => t.client('ll_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA') },
      { name: 'revoked token', role: 'none', client: () => t.client(mine.revokedToken) },
      { name: 'a token with its last character changed', role: 'none', client: () => t.client(mine.adminToken.slice(0, -1) + (mine.adminToken.endsWith('A') ? 'B' : 'A')) },
      { name: 'viewer', role: 'viewer', client: () => mine.viewer },
      { name: 'clerk', role: 'clerk', client: () => mine.clerk },
      { name: 'admin', role: 'admin', client: () => mine.admin },
    ];
    let checked = 0;
    for (const route of routes) {
      for (const caller of callers) {
        const before = await tableCounts(t.db);
        const res = await route.call(caller.client());
        const said = `${route.name} as ${caller.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
        checked++;
        if (route.role === null) { expect(res.status, said).toBe(200); continue; }
        if (caller.role === 'none') {
          expect(res.status, said).toBe(401);
          expect(res.body.error.code).toBe('unauthorized');
        } else if (RANK[caller.role] < RANK[route.role]) {
          expect(res.status, said).toBe(403);
          expect(res.body.error.code).toBe('forbidden');
        } else {
          expect(res.status, said).toBeGreaterThanOrEqual(200);
          expect(res.status, said).toBeLessThan(300);
          continue;
        }
        // Refused: nothing changed but what the route's own setup wrote before the call.
        const after = await tableCounts(t.db);
        expect(after.movement, said).toBe(before.movement + setupMovements(route));
        expect(after.token - after.revokedTokens, said).toBe(before.token - before.revokedTokens + setupTokens(route));
        expect(after.item, said).toBe(before.item);
        expect(after.location, said).toBe(before.location);
        expect(after.batch, said).toBe(before.batch + setupBatches(route));
        expect(after.hold, said).toBe(before.hold);
      }
    }
    figure('access checks', { routes: routes.length, callers: callers.length, checked });
  });
});

// What a route's own setup (not the call under test) writes: one batch of one row, or one token.
const setupBatches = (r: Route) => (r.name === 'GET /v1/batches/:id' || r.name === 'POST /v1/batches/:id/void' ? 1 : 0);
const setupMovements = setupBatches;
const setupTokens = (r: Route) => (r.name === 'DELETE /v1/tokens/:name' ? 1 : 0);

describe("another workspace's things", () => {
  /** The answer for the other workspace's name must be the answer for a name nobody has. */
  async function sameAsMissing(path: (name: string) => string, theirName: string, missingName: string) {
    const a = await mine.admin.get(path(encodeURIComponent(theirName)));
    const b = await mine.admin.get(path(encodeURIComponent(missingName)));
    const text = JSON.stringify(a.body).split(theirName).join('«name»');
    expect(a.status, `${path(theirName)} → ${JSON.stringify(a.body)}`).toBe(b.status);
    expect(text).toBe(JSON.stringify(b.body).split(missingName).join('«name»'));
    for (const leak of ['Their Supplier', 'Their Customer', 'THEIR-PO', 'THEIR-SO', 'Their vault', 'Their product']) {
      expect(JSON.stringify(a.body)).not.toContain(leak);
    }
    return a;
  }

  it('are answered exactly as things that do not exist: lots, serials, batches, locations, items', async () => {
    expect((await sameAsMissing((x) => `/v1/trace/lot?sku=LOT-A&lot=${x}`, 'THEIR-LOT', 'NO-SUCH-LOT')).status).toBe(404);
    expect((await sameAsMissing((x) => `/v1/trace/serial?serial=${x}`, 'THEIR-SN', 'NO-SUCH-SN')).status).toBe(404);
    expect((await sameAsMissing((x) => `/v1/trace/serial?serial=${x}&sku=SER-B`, 'THEIR-SN', 'NO-SUCH-SN')).status).toBe(404);
    expect((await sameAsMissing((x) => `/v1/batches/${x}`, theirs.batchId, 'B-000000000000')).status).toBe(404);
    await sameAsMissing((x) => `/v1/reports/recall?sku=LOT-A&lot=${x}`, 'THEIR-LOT', 'NO-SUCH-LOT');
    await sameAsMissing((x) => `/v1/reports/recall?sku=${x}&lot=X1`, 'SECRET-SKU', 'NO-SUCH-SKU');
    await sameAsMissing((x) => `/v1/reports/movements?sku=LOT-A&lot=${x}`, 'THEIR-LOT', 'NO-SUCH-LOT');
    await sameAsMissing((x) => `/v1/reports/on-hand?location=${x}`, 'SECRET-LOC', 'NO-SUCH-LOC');
    await sameAsMissing((x) => `/v1/reports/on-hand?sku=${x}`, 'SECRET-SKU', 'NO-SUCH-SKU');
    await sameAsMissing((x) => `/v1/trace/lot?sku=${x}&lot=X1`, 'SECRET-SKU', 'NO-SUCH-SKU');
    await sameAsMissing((x) => `/v1/trace/genealogy?sku=LOT-A&lot=${x}&direction=up`, 'THEIR-LOT', 'NO-SUCH-LOT');
    await sameAsMissing((x) => `/v1/holds?sku=${x}`, 'SECRET-SKU', 'NO-SUCH-SKU');
  });

  it('show only our own side of a serial both companies use', async () => {
    const trace = await mine.admin.get('/v1/trace/serial?serial=S1&sku=SER-B');
    expect(trace.status).toBe(200);
    expect(trace.body.unit.location).toBe('A');
    expect(trace.body.movements).toHaveLength(1);
    expect(JSON.stringify(trace.body)).not.toMatch(/SECRET-LOC|THEIR-PO/);
  });

  it('cannot be voided, revoked or listed from here, and stay as they were', async () => {
    const voided = await mine.admin.post(`/v1/batches/${theirs.batchId}/void`, { reason: 'not ours' });
    expect(voided.status).toBe(404);
    expect(voided.body.error.code).toBe('not_found');
    expect((await theirs.admin.get(`/v1/batches/${theirs.batchId}`)).body.voidedBy).toBeNull();
    const revoked = await mine.admin.delete('/v1/tokens/their-clerk');
    expect(revoked.status).toBe(404);
    expect((await theirs.admin.get('/v1/tokens')).body.tokens.map((x: { name: string }) => x.name)).toContain('their-clerk');
    const lists = JSON.stringify([
      (await mine.admin.get('/v1/batches')).body, (await mine.admin.get('/v1/items')).body, (await mine.admin.get('/v1/locations')).body,
      (await mine.admin.get('/v1/tokens')).body, (await mine.admin.get('/v1/reports/movements')).body,
      (await mine.admin.get('/v1/reports/on-hand')).body, (await mine.admin.get('/v1/reports/expiring?days=3650')).body,
    ]);
    for (const leak of [theirs.batchId, 'THEIR-LOT', 'THEIR-SN', 'SECRET-SKU', 'SECRET-LOC', 'their-clerk', 'THEIR-PO', 'Their Customer']) {
      expect(lists).not.toContain(leak);
    }
  });
});

describe('token secrets', () => {
  it('are stored only as SHA-256 hashes: no secret appears anywhere in the database file or its WAL', async () => {
    await t.db.read('SELECT 1');
    const files = [t.dbFile, `${t.dbFile}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
    expect(files.length).toBeGreaterThan(0);
    const { rows } = await t.db.read('SELECT hash FROM token');
    const hashes = new Set(rows.map((r) => String(r.hash)));
    for (const secret of secrets) {
      for (const bytes of files) expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(hashes.has(createHash('sha256').update(secret).digest('hex'))).toBe(true);
    }
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{64}$/);
  });
});
