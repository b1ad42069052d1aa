/**
 * Crashes: the real server, SIGKILLed at random moments in the middle of large posts, again
 * and again on the same file. After each kill the file must be sound, each batch whole or
 * absent, the ledger's invariants true, and a retry with the same key must not post twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@libsql/client';
import { clientStore } from '../../server/db/remote-store';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { ledgerViolations } from './support/ledger-invariants';
import { day, figure, scale } from './support/soak';

const ADMIN = 'll_crash_test_admin_token_0123456789';
const CRASHES = scale(10, 60);
const ROWS = scale(30_000, 50_000);

let dir: string;
let dbFile: string;
let server: ServerProcess | undefined;

const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(url, {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...headers },
  });
  return { status: res.status, body: (await res.json()) as any };
};

/**
 * A large sheet that exercises every projection: in each group of ten rows, six receipts of a
 * lot, a serial received, part of the lot moved on and shipped, and an earlier serial moved.
 */
function bigBatch(attempt: number, n: number) {
  const rows: Record<string, unknown>[] = [];
  const date = day(0);
  for (let i = 0; i < n; i++) {
    const lot = `C${attempt}-${Math.floor(i / 10) % 100}`;
    const r = i % 10;
    if (r < 6) rows.push({ type: 'receive', date, sku: 'LOT-K', lot, qty: 5, to: 'A', ref: `PO-${attempt}` });
    else if (r === 6) rows.push({ type: 'receive', date, sku: 'SER-K', serial: `S${attempt}-${i}`, to: 'A', ref: `PO-${attempt}` });
    else if (r === 7) rows.push({ type: 'transfer', date, sku: 'LOT-K', lot, qty: 10, from: 'A', to: 'B' });
    else if (r === 8) rows.push({ type: 'ship', date, sku: 'LOT-K', lot, qty: 5, from: 'B', party: 'Clinic', ref: `SO-${attempt}` });
    else rows.push({ type: 'transfer', date, sku: 'SER-K', serial: `S${attempt}-${i - 3}`, from: 'A', to: 'B' });
  }
  return { rows, source: { workbook: `crash-${attempt}.xlsx`, sheet: 'Sheet1', range: `A1:K${n + 1}` } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lotledger-crash-'));
  dbFile = path.join(dir, 'ledger.db');
  server = await startServerProcess(dbFile, ADMIN);
  expect((await call('POST', `${server.url}/v1/items`, { items: [
    { sku: 'LOT-K', name: 'Lot item', lotTracked: true, serialTracked: false },
    { sku: 'SER-K', name: 'Serial item', lotTracked: false, serialTracked: true },
  ] })).status).toBe(200);
  expect((await call('POST', `${server.url}/v1/locations`, { locations: [{ code: 'A' }, { code: 'B' }] })).status).toBe(200);
});
afterAll(async () => {
  await server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('a server killed in the middle of large posts', () => {
  it('keeps a sound file, each batch whole or absent, and the ledger true after every kill', async () => {
    // The time of one whole post, so the kills can land anywhere in it, commit included.
    const started = Date.now();
    const first = await call('POST', `${server!.url}/v1/batches`, bigBatch(0, ROWS), { 'idempotency-key': 'crash-0' });
    expect(first.status, JSON.stringify(first.body).slice(0, 500)).toBe(201);
    const postMs = Date.now() - started;
    const outcomes = { committed: 0, absent: 0, replayedAfterRestart: 0, keyHeldAfterRestart: 0, postedAfterRestart: 0 };

    for (let attempt = 1; attempt <= CRASHES; attempt++) {
      const body = bigBatch(attempt, ROWS);
      const key = `crash-${attempt}`;
      const posting = call('POST', `${server!.url}/v1/batches`, body, { 'idempotency-key': key }).catch(() => null);
      await sleep(postMs * (0.2 + Math.random() * 1.0));
      await server!.kill();
      const answered = await posting;

      const db = clientStore(createClient({ url: `file:${dbFile}` }));
      try {
        expect(await ledgerViolations(db), `after kill ${attempt}`).toEqual([]);
        const { rows } = await db.read({
          sql: 'SELECT b.id, b.rows, (SELECT COUNT(*) FROM movement m WHERE m.batch_id = b.id) AS n FROM batch b WHERE source_workbook = ?',
          args: [`crash-${attempt}.xlsx`],
        });
        expect(rows.length).toBeLessThanOrEqual(1);
        if (rows.length === 1) {
          outcomes.committed++;
          expect(Number(rows[0].n)).toBe(ROWS);
        } else {
          outcomes.absent++;
        }
        // An answer the client saw is one the ledger kept.
        if (answered?.status === 201) expect(rows.map((r) => r.id)).toEqual([answered.body.batchId]);
      } finally {
        db.close();
      }

      server = await startServerProcess(dbFile, ADMIN);
      const retry = await call('POST', `${server.url}/v1/batches`, body, { 'idempotency-key': key });
      if (retry.status === 201 && retry.body.replayed) outcomes.replayedAfterRestart++;
      else if (retry.status === 201) outcomes.postedAfterRestart++;
      else {
        // The claim was saved but the post was not: the key stays held until it is taken as abandoned.
        expect(retry.body.error.code).toBe('idempotency_in_progress');
        outcomes.keyHeldAfterRestart++;
      }
      const count = await call('GET', `${server.url}/v1/batches`);
      expect(count.body.batches.filter((b: { source: { workbook: string } | null }) => b.source?.workbook === `crash-${attempt}.xlsx`).length)
        .toBeLessThanOrEqual(1);
    }
    const db = clientStore(createClient({ url: `file:${dbFile}` }));
    try {
      expect(await ledgerViolations(db)).toEqual([]);
    } finally {
      db.close();
    }
    figure('crashes', { kills: CRASHES, rowsPerPost: ROWS, postMs, ...outcomes });
  });
});
