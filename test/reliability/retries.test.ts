/**
 * Retries and races: a client that retries the same post 50 times at once posts it once; posts
 * that race for the same serial or the last units of a lot under different keys have exactly
 * one winner, and the ledger stays true (no negative stock, no serial in two places).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { clientStore } from '../../server/db/remote-store';
import { ITEMS, LOCATIONS, startLedgerTarget, type LedgerTarget } from './support/ledger-target';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { api } from '../api/http';
import { ledgerViolations } from './support/ledger-invariants';
import { day, figure, scale } from './support/soak';
import type { Api, Answer } from '../api/http';

let t: LedgerTarget;
beforeAll(async () => { t = await startLedgerTarget(); });
afterAll(() => t?.stop());

const PARALLEL = 50;
const ROUNDS = scale(3, 30);
const TWO_PROCESS_ROUNDS = scale(2, 20);
let racesRun = 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const post = (client: Api, rows: unknown[], key: string) => client.post('/v1/batches', { rows }, { 'idempotency-key': key });

/** Posts, and retries while the key is held by the first request (what the pane does). */
async function postUntilAnswered(client: Api, rows: unknown[], key: string): Promise<{ answer: Answer; heldFor: number }> {
  let heldFor = 0;
  for (;;) {
    const answer = await post(client, rows, key);
    if (answer.status !== 409 || answer.body.error.code !== 'idempotency_in_progress') return { answer, heldFor };
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    heldFor++;
    await sleep(20 + Math.random() * 50);
  }
}

const receiveRows = (tag: string, n: number) => Array.from({ length: n }, (_, i) => (
  { type: 'receive', date: day(0), sku: 'LOT-A', lot: `${tag}-${i % 7}`, qty: 2, to: 'A', ref: `PO-${tag}` }));

describe('retries of one post under one idempotency key', () => {
  it('post one batch however many copies arrive at once, and every copy gets the same answer', async () => {
    const ws = await t.workspace('retry-same-key');
    for (let round = 0; round < ROUNDS; round++) {
      const rows = receiveRows(`R${round}`, 5000);
      const answers = await Promise.all(Array.from({ length: PARALLEL }, () => postUntilAnswered(ws.admin, rows, `same-${round}`)));
      racesRun++;
      const created = answers.filter((a) => a.answer.status === 201 && a.answer.body.replayed === undefined);
      expect(created).toHaveLength(1);
      const first = created[0].answer.body;
      for (const { answer } of answers) {
        expect(answer.status).toBe(201);
        const { replayed, ...rest } = answer.body;
        expect(rest).toEqual(first);
        if (answer !== created[0].answer) expect(replayed).toBe(true);
      }
      const { rows: batches } = await t.db.read({ sql: 'SELECT COUNT(*) AS n FROM batch WHERE workspace_id = ?', args: [ws.id] });
      expect(Number(batches[0].n)).toBe(round + 1);
      if (round === 0) figure('one key, 50 at once', { inProgressAnswers: answers.reduce((s, a) => s + a.heldFor, 0) });
    }
    expect(await ledgerViolations(t.db)).toEqual([]);
  });
});

describe('two server processes on one database file', () => {
  // In one Node process a post runs without yielding to other requests for long, so copies
  // mostly find the answer already kept; two processes on one file truly overlap.
  const token = 'll_two_process_admin_token_0123456789';
  let dir: string;
  let dbFile: string;
  let servers: ServerProcess[] = [];
  let clients: Api[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lotledger-two-'));
    dbFile = path.join(dir, 'ledger.db');
    servers = [await startServerProcess(dbFile, token), await startServerProcess(dbFile, token)];
    clients = servers.map((s) => api({ name: 'node', baseUrl: s.url, adminToken: token, dbUrl: '', createWorkspace: async () => '', stop: async () => {} }, token));
    expect((await clients[0].post('/v1/items', { items: ITEMS })).status).toBe(200);
    expect((await clients[1].post('/v1/locations', { locations: LOCATIONS.map((code) => ({ code })) })).status).toBe(200);
  });
  afterAll(async () => {
    for (const s of servers) await s.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  const fileDb = () => clientStore(createClient({ url: `file:${dbFile}` }));

  it('still post one batch, while the other copies are told the key is in progress until the answer is kept', async () => {
    let held = 0;
    let rounds = 0;
    // Overlap depends on timing: go on (a few rounds more at most) until a copy has met the held key.
    for (let round = 0; round < TWO_PROCESS_ROUNDS || (held === 0 && round < TWO_PROCESS_ROUNDS + 4); round++) {
      rounds++;
      // A large sheet, its copies sent while the first is still being checked and written.
      const rows = receiveRows(`T${round}`, 10_000);
      const answers = await Promise.all(Array.from({ length: PARALLEL }, async (_, i) => {
        await sleep(i === 0 ? 0 : 30 + i * 4);
        return postUntilAnswered(clients[i % 2], rows, `two-${round}`);
      }));
      racesRun++;
      held += answers.reduce((sum, a) => sum + a.heldFor, 0);
      const created = answers.filter((a) => a.answer.status === 201 && a.answer.body.replayed === undefined);
      expect(created).toHaveLength(1);
      for (const { answer } of answers) {
        expect(answer.status).toBe(201);
        expect(answer.body.batchId).toBe(created[0].answer.body.batchId);
      }
    }
    const db = fileDb();
    try {
      expect(Number((await db.read("SELECT COUNT(*) AS n FROM batch WHERE source_workbook IS NULL AND rows = 10000")).rows[0].n)).toBe(rounds);
      expect(await ledgerViolations(db)).toEqual([]);
    } finally {
      db.close();
    }
    // How often a copy met the held key depends on timing (a busy process may only read the
    // copy after the answer is kept, and replay it): a figure, not a rule. The 409 itself is
    // tested deterministically in test/api/idempotency.test.ts.
    figure('one key, 50 at once over two processes', { rounds, inProgressAnswers: held });
  });

  it('let exactly one of many posts ship the same serial, one serial over two server processes', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const serial = `TWO-${round}`;
      expect((await post(clients[0], [{ type: 'receive', date: day(0), sku: 'SER-B', serial, to: 'A', ref: 'PO-1' }], `two-recv-${round}`)).status).toBe(201);
      // Large enough that each post's checks take a while, so the two processes truly overlap.
      const filler = receiveRows(`F${round}`, 3000);
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post(clients[i % 2],
        [{ type: 'ship', date: day(0), sku: 'SER-B', serial, from: 'A', party: `Customer ${i}`, ref: 'SO-1' }, ...filler], `two-ship-${round}-${i}`)));
      racesRun++;
      expect(answers.filter((a) => a.status === 201), JSON.stringify(answers.map((a) => a.status))).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 201)) expect(a.body.problems[0].code).toBe('serial_not_at_location');
    }
    const db = fileDb();
    try {
      expect(await ledgerViolations(db)).toEqual([]);
    } finally {
      db.close();
    }
  });
});

describe('racing posts under different keys', () => {
  it('let exactly one of many posts ship, move or scrap the same serial', async () => {
    const ws = await t.workspace('race-serial');
    for (let round = 0; round < ROUNDS; round++) {
      const serial = `SN-${round}`;
      const got = await post(ws.admin, [{ type: 'receive', date: day(0), sku: 'SER-B', serial, to: 'A', ref: 'PO-1' }], `recv-${round}`);
      expect(got.status).toBe(201);
      const moves = [
        { type: 'ship', from: 'A', party: 'Clinic North', ref: 'SO-1' },
        { type: 'transfer', from: 'A', to: 'B' },
        { type: 'transfer', from: 'A', to: 'C' },
        { type: 'scrap', from: 'A', ref: 'dropped' },
      ];
      const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, i) =>
        post(ws.admin, [{ date: day(0), sku: 'SER-B', serial, ...moves[i % moves.length] }], `move-${round}-${i}`)));
      racesRun++;
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 201)) {
        expect(a.status).toBe(422);
        expect(a.body.problems.map((p: { code: string }) => p.code)).toEqual(['serial_not_at_location']);
      }
      const trace = await ws.admin.get(`/v1/trace/serial?serial=${serial}&sku=SER-B`);
      expect(trace.body.movements).toHaveLength(2);
    }
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it('let exactly one of many posts receive the same serial', async () => {
    const ws = await t.workspace('race-receive');
    const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, i) =>
      post(ws.admin, [{ type: 'receive', date: day(0), sku: 'SER-B', serial: 'ONCE-1', to: LOCS[i % 3], ref: 'PO-1' }], `once-${i}`)));
    racesRun++;
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 201)) expect(a.body.problems[0].code).toBe('serial_exists');
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it('let exactly one of many posts take the last units of a lot, and never below zero', async () => {
    const ws = await t.workspace('race-lot');
    for (let round = 0; round < ROUNDS; round++) {
      const lot = `LAST-${round}`;
      expect((await post(ws.admin, [{ type: 'receive', date: day(0), sku: 'LOT-A', lot, qty: 3, to: 'A', ref: 'PO-1' }], `l-${round}`)).status).toBe(201);
      const takes = [
        { type: 'ship', from: 'A', party: 'Clinic', ref: 'SO-1' },
        { type: 'transfer', from: 'A', to: 'B' },
        { type: 'scrap', from: 'A' },
        { type: 'adjust', from: 'A', ref: 'count' },
      ];
      const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, i) =>
        post(ws.admin, [{ date: day(0), sku: 'LOT-A', lot, qty: 3, ...takes[i % takes.length] }], `take-${round}-${i}`)));
      racesRun++;
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      for (const a of answers.filter((x) => x.status !== 201)) expect(a.body.problems[0].code).toBe('insufficient_stock');
      const onHand = await ws.admin.get(`/v1/reports/on-hand?sku=LOT-A`);
      const here = onHand.body.rows.filter((r: { lot: string }) => r.lot === lot);
      expect(here.reduce((s: number, r: { qty: number }) => s + r.qty, 0)).toBeLessThanOrEqual(3);
      for (const r of here) expect(r.qty).toBeGreaterThanOrEqual(0);
    }
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it('let a void and a post that depends on the batch race without both winning', async () => {
    const ws = await t.workspace('race-void');
    for (let round = 0; round < ROUNDS; round++) {
      const serial = `V-${round}`;
      const got = await post(ws.admin, [{ type: 'receive', date: day(0), sku: 'SER-B', serial, to: 'A', ref: 'PO-1' }], `vr-${round}`);
      const [voided, shipped, again] = await Promise.all([
        ws.admin.post(`/v1/batches/${got.body.batchId}/void`, { reason: 'wrong PO' }),
        post(ws.admin, [{ type: 'ship', date: day(0), sku: 'SER-B', serial, from: 'A', party: 'P', ref: 'SO' }], `vs-${round}`),
        ws.admin.post(`/v1/batches/${got.body.batchId}/void`, { reason: 'wrong PO, twice' }),
      ]);
      racesRun++;
      expect([voided.status, again.status].filter((s) => s === 200).length).toBeLessThanOrEqual(1);
      const won = [voided.status === 200 || again.status === 200, shipped.status === 201];
      expect(won.filter(Boolean)).toHaveLength(1);
      for (const v of [voided, again].filter((x) => x.status !== 200)) expect(['void_blocked', 'already_voided']).toContain(v.body.error.code);
    }
    expect(await ledgerViolations(t.db)).toEqual([]);
    figure('races run', racesRun);
  });
});

const LOCS = ['A', 'B', 'C'];
