/**
 * Migration 004: a database written before the API refused lone UTF-16 surrogates (issue 19)
 * holds text that is no UTF-8, and reading such a row aborted the Node process. After the
 * migration the server reads every row, with U+FFFD where each surrogate was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'libsql';
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeServer } from '../node';

const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-surrogates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ADMIN = 'surrogate-repair-admin-token-01';
const today = new Date().toISOString().slice(0, 10);

// What libSQL stored for "x\ud800y": the lone surrogate as the three bytes ED A0 80.
const BAD = "CAST(X'78EDA08079' AS TEXT)";
// "\udfff" alone, and one after a Hangul syllable (also written with a leading ED byte: kept).
const BAD_LOW = "CAST(X'EDBFBF' AS TEXT)";
const HANGUL_THEN_BAD = "CAST(X'ED959CEDA080' AS TEXT)";

describe('a database holding lone surrogates from before issue 19', () => {
  it('is repaired by migration 004 and read through the app without a crash', async () => {
    const url = `file:${path.join(dir, 'ledger.db')}`;
    const first = await startNodeServer({ port: 0, databaseUrl: url, adminToken: ADMIN, rateLimit: false });
    const send = async (server: { url: string }, method: string, p: string, body?: unknown) => {
      const res = await fetch(server.url + p, { method, headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: await res.json() as any };
    };
    expect((await send(first, 'POST', '/v1/items', { items: [{ sku: 'PUMP-3', name: 'Pump', lotTracked: false, serialTracked: true }] })).status).toBe(200);
    expect((await send(first, 'POST', '/v1/locations', { locations: [{ code: 'WH1-A', name: 'Aisle' }] })).status).toBe(200);
    const posted = await send(first, 'POST', '/v1/batches', {
      rows: [{ type: 'receive', date: today, sku: 'PUMP-3', serial: 'SN1', to: 'WH1-A', ref: 'PO-1', party: 'Acme', note: 'ok' }],
      source: { workbook: 'Book.xlsx', sheet: 'S', range: 'A1:B2' },
    });
    expect(posted.status).toBe(201);
    await first.close();

    // As the old code left it: written with the driver, the movements' guard lifted only for this.
    const raw = new Database(path.join(dir, 'ledger.db'));
    raw.exec(`
      DROP TRIGGER movement_no_update;
      UPDATE movement SET note = ${BAD}, party = ${BAD_LOW}, ref = ${HANGUL_THEN_BAD};
      CREATE TRIGGER movement_no_update BEFORE UPDATE ON movement BEGIN SELECT RAISE(ABORT, 'movements are append-only: post a reversal instead'); END;
      UPDATE item SET name = ${BAD};
      UPDATE location SET name = ${BAD};
      UPDATE batch SET source_workbook = ${BAD};
      UPDATE unit SET party = ${BAD};
      INSERT INTO token (workspace_id, name, role, hash, created_at) SELECT workspace_id, ${BAD}, 'viewer', 'h-surrogate', created_at FROM token LIMIT 1;
      DELETE FROM schema_migrations WHERE name LIKE '004_%';`);
    const bad = raw.prepare("SELECT COUNT(*) AS n FROM movement WHERE instr(CAST(note AS BLOB), X'EDA080') > 0").get() as { n: number };
    expect(bad.n).toBe(1);
    raw.close();

    const second = await startNodeServer({ port: 0, databaseUrl: url, rateLimit: false });
    try {
      const movements = await send(second, 'GET', '/v1/reports/movements');
      expect(movements.status).toBe(200);
      expect(movements.body.movements[0]).toMatchObject({ note: 'x\uFFFDy', party: '\uFFFD', ref: '\uD55C\uFFFD', serial: 'SN1' });
      expect((await send(second, 'GET', '/v1/items')).body.items[0].name).toBe('x\uFFFDy');
      expect((await send(second, 'GET', '/v1/locations')).body.locations[0].name).toBe('x\uFFFDy');
      expect((await send(second, 'GET', '/v1/batches')).body.batches[0].source.workbook).toBe('x\uFFFDy');
      expect((await send(second, 'GET', '/v1/tokens')).body.tokens.map((t: { name: string }) => t.name)).toContain('x\uFFFDy');
      expect((await send(second, 'GET', '/v1/trace/serial?serial=SN1')).body.unit.party).toBe('x\uFFFDy');
      // The ledger's guard is back: movements still refuse every update.
      const check = new Database(path.join(dir, 'ledger.db'));
      expect(() => check.exec("UPDATE movement SET note = 'changed'")).toThrow(/append-only/);
      check.close();
    } finally {
      await second.close();
    }
  });
});
