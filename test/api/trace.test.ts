import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/ledger/csv';
import type { LotTraceAnswer } from '../../shared/report-answers';
import { api } from './http';
import { HOSTILE, seedLedger, type SeededLedger } from './reports-ledger';
import { startTarget, type Target } from './target';

let target: Target;
let s: SeededLedger;

beforeAll(async () => {
  target = await startTarget();
  s = await seedLedger(target);
});
afterAll(() => target?.stop());

const MOVEMENT_KEYS = ['id', 'batchId', 'type', 'date', 'sku', 'lot', 'serial', 'qty', 'from', 'to', 'party', 'ref',
  'note', 'postedAt', 'postedBy', 'voidedBy', 'reverses'];

/** A movement in one line: what a reader of the record sees at a glance. */
const line = (m: any) =>
  `${m.type} ${m.date} ${m.qty} ${m.from ?? '-'}>${m.to ?? '-'} ${m.party ?? ''} ${m.ref ?? ''}`
  + `${m.voidedBy ? ' VOIDED' : ''}${m.reverses ? ' REVERSAL' : ''}`;

/** A CSV answer read as a spreadsheet would: header row, then records. */
function table(text: string) {
  const [header, ...rows] = parseCsv(text);
  return { header, rows };
}
/** What a JSON value looks like as a CSV cell (before any neutralising). */
const cell = (v: unknown) => (v === null ? '' : String(v));

describe('lot trace', () => {
  it('shows the lot with its expiry, what is on hand where, and every figure net of the voided batch', async () => {
    const res = await s.viewer.get('/v1/trace/lot?sku=VAC-10&lot=FLU-A');
    expect(res.status).toBe(200);
    const t = res.body;
    expect(t.lot).toEqual({ sku: 'VAC-10', lot: 'FLU-A', expiry: s.d(10), firstReceived: s.d(-30), held: false });
    expect(t.onHand).toEqual([{ location: 'COLD-1', qty: 45 }, { location: 'QUAR', qty: 1 }, { location: 'WH1-A', qty: 20 }]);
    expect(t.customers).toEqual([
      { party: 'Clinic North', shipped: 25, returned: 3, qty: 22, refs: ['SO-1', 'SO-3'], lastShipped: s.d(-12) },
      { party: 'Clinic South', shipped: 10, returned: 0, qty: 10, refs: ['SO-2'], lastShipped: s.d(-15) },
    ]);
  });

  it('goes back to the supplier and purchase order and forward to each customer and order', async () => {
    const t = (await s.viewer.get<LotTraceAnswer>('/v1/trace/lot?sku=VAC-10&lot=FLU-A')).body;
    const d = s.d;
    expect(t.receipts.map(line)).toEqual([`receive ${d(-30)} 100 ->COLD-1 Acme Pharma PO-1`]);
    expect(t.receipts[0].batchId).toBe(s.batches.receipts);
    expect(t.shipments.map(line)).toEqual([
      `ship ${d(-15)} 20 COLD-1>- Clinic North SO-1`,
      `ship ${d(-15)} 10 WH1-A>- Clinic South SO-2`,
      `ship ${d(-12)} 5 COLD-1>- Clinic North SO-3`,
      `ship ${d(-8)} 7 COLD-1>- Clinic East SO-9 VOIDED`,
      `ship ${d(-8)} 7 ->COLD-1 Clinic East SO-9 REVERSAL`,
    ]);
    expect(t.returns.map(line)).toEqual([`return ${d(-10)} 3 ->QUAR Clinic North RMA-1`]);
  });

  it('lists every movement of the lot in posting order, the voided shipment and its reversal marked', async () => {
    const t = (await s.viewer.get<LotTraceAnswer>('/v1/trace/lot?sku=VAC-10&lot=FLU-A')).body;
    const d = s.d;
    expect(t.movements.map(line)).toEqual([
      `receive ${d(-30)} 100 ->COLD-1 Acme Pharma PO-1`,
      `transfer ${d(-20)} 30 COLD-1>WH1-A  `,
      `ship ${d(-15)} 20 COLD-1>- Clinic North SO-1`,
      `ship ${d(-15)} 10 WH1-A>- Clinic South SO-2`,
      `ship ${d(-12)} 5 COLD-1>- Clinic North SO-3`,
      `return ${d(-10)} 3 ->QUAR Clinic North RMA-1`,
      `scrap ${d(-10)} 2 QUAR>-  damaged`,
      `ship ${d(-8)} 7 COLD-1>- Clinic East SO-9 VOIDED`,
      `ship ${d(-8)} 7 ->COLD-1 Clinic East SO-9 REVERSAL`,
    ]);
    const ids = t.movements.map((m: any) => m.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    for (const m of t.movements) {
      expect(Object.keys(m)).toEqual(MOVEMENT_KEYS);
      expect(m.postedBy).toBe('admin');
      expect(m.postedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    }
    const [voided, reversal] = t.movements.slice(-2);
    expect(voided).toMatchObject({ batchId: s.batches.voided, voidedBy: s.batches.voidedBy, reverses: null });
    expect(reversal).toMatchObject({ batchId: s.batches.voidedBy, voidedBy: null, reverses: voided.id });
    expect(t.movements.filter((m: any) => m.voidedBy === null && m.reverses === null)).toHaveLength(7);
  });

  it('answers its movements as CSV with a header row, one record a line, numbers as numbers', async () => {
    const json = (await s.viewer.get('/v1/trace/lot?sku=VAC-10&lot=FLU-A')).body;
    const res = await s.viewer.get('/v1/trace/lot?sku=VAC-10&lot=FLU-A&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.body).toMatch(/\r\n$/);
    const { header, rows } = table(res.body);
    expect(header).toEqual(MOVEMENT_KEYS);
    expect(rows).toEqual(json.movements.map((m: any) => MOVEMENT_KEYS.map((k) => cell(m[k]))));
    expect(res.body).toContain(`,ship,${s.d(-15)},VAC-10,FLU-A,,20,COLD-1,,Clinic North,SO-1,`);
  });

  it('keeps a hostile lot code, customer and note intact in JSON and neutralises them in CSV', async () => {
    const lot = encodeURIComponent(HOSTILE.lot);
    const json = await s.viewer.get(`/v1/trace/lot?sku=VAC-10&lot=${lot}`);
    expect(json.status).toBe(200);
    expect(json.body.lot.lot).toBe(HOSTILE.lot);
    expect(json.body.receipts[0]).toMatchObject({ lot: HOSTILE.lot, party: HOSTILE.party, ref: HOSTILE.ref, note: HOSTILE.note, qty: 5 });
    const res = await s.viewer.get(`/v1/trace/lot?sku=VAC-10&lot=${lot}&format=csv`);
    const { header, rows } = table(res.body);
    const record = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
    expect(record).toMatchObject({ lot: `'${HOSTILE.lot}`, party: `'${HOSTILE.party}`, ref: "'+1", note: "'-2", qty: '5' });
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    // No cell of the file starts a formula.
    for (const r of rows) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('answers only from the caller\'s workspace: the other workspace\'s lot of the same code stays apart', async () => {
    const mine = (await s.viewer.get('/v1/trace/lot?sku=VAC-10&lot=FLU-A')).body;
    const theirs = (await s.b.get('/v1/trace/lot?sku=VAC-10&lot=FLU-A')).body;
    expect(theirs.onHand).toEqual([{ location: 'RCV', qty: 990 }]);
    expect(theirs.customers).toEqual([{ party: 'Clinic North', shipped: 9, returned: 0, qty: 9, refs: ['SO-B1'], lastShipped: s.d(-2) }]);
    expect(theirs.movements).toHaveLength(2);
    expect(mine.movements.some((m: any) => m.ref === 'PO-B1' || m.ref === 'SO-B1')).toBe(false);
    const other = await s.viewer.get('/v1/trace/lot?sku=VAC-10&lot=ONLY-B');
    expect(other.status).toBe(404);
    expect(other.body.error).toEqual({ code: 'not_found', message: 'Lot ONLY-B of VAC-10 is not in this workspace.' });
  });

  it('says clearly when the item or the lot is unknown', async () => {
    const noLot = await s.viewer.get('/v1/trace/lot?sku=VAC-10&lot=NOPE');
    expect(noLot.status).toBe(404);
    expect(noLot.body.error.message).toBe('Lot NOPE of VAC-10 is not in this workspace.');
    const noItem = await s.viewer.get('/v1/trace/lot?sku=NOPE-1&lot=FLU-A');
    expect(noItem.status).toBe(404);
    expect(noItem.body.error).toEqual({ code: 'not_found', message: 'Item NOPE-1 is not in this workspace.' });
  });

  it.each([
    ['/v1/trace/lot?sku=VAC-10', 'lot'],
    ['/v1/trace/lot?lot=FLU-A', 'sku'],
    ['/v1/trace/lot?sku=VAC-10&lot=%20%20', 'lot'],
    ['/v1/trace/lot?sku=VAC-10&lot=FLU-A&format=xlsx', 'format'],
    [`/v1/trace/lot?sku=VAC-10&lot=${'L'.repeat(201)}`, 'lot'],
  ])('refuses %s with a 400 naming the parameter', async (path, name) => {
    const res = await s.viewer.get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_query');
    expect(res.body.error.message).toContain(name);
  });

  it('needs a token', async () => {
    const res = await api(target, null).get('/v1/trace/lot?sku=VAC-10&lot=FLU-A');
    expect(res.status).toBe(401);
  });
});

describe('serial trace', () => {
  it('shows where a unit is now and its whole history, back from the customer', async () => {
    const res = await s.viewer.get('/v1/trace/serial?serial=P-001&sku=PUMP-3');
    expect(res.status).toBe(200);
    expect(res.body.unit).toEqual({ sku: 'PUMP-3', serial: 'P-001', lot: null, state: 'in_stock', location: 'QUAR', party: null });
    expect(res.body.movements.map(line)).toEqual([
      `receive ${s.d(-30)} 1 ->WH1-B  PO-3`,
      `ship ${s.d(-15)} 1 WH1-B>- Clinic North SO-4`,
      `return ${s.d(-10)} 1 ->QUAR Clinic North RMA-2`,
    ]);
    for (const m of res.body.movements) expect(Object.keys(m)).toEqual(MOVEMENT_KEYS);
  });

  it('needs no sku when only one item has the serial', async () => {
    const moved = (await s.viewer.get('/v1/trace/serial?serial=P-002')).body;
    expect(moved.unit).toEqual({ sku: 'PUMP-3', serial: 'P-002', lot: null, state: 'in_stock', location: 'WH1-A', party: null });
    expect(moved.movements.map(line)).toEqual([`receive ${s.d(-30)} 1 ->WH1-B  PO-3`, `transfer ${s.d(-20)} 1 WH1-B>WH1-A  `]);
    const shipped = (await s.viewer.get('/v1/trace/serial?serial=I-002')).body;
    expect(shipped.unit).toEqual({ sku: 'IMP-7', serial: 'I-002', lot: 'IMP-L1', state: 'shipped', location: null, party: 'Clinic South' });
    expect(shipped.movements.map((m: any) => m.lot)).toEqual(['IMP-L1', 'IMP-L1']);
  });

  it('answers 409 naming both items when two items share the serial and no sku is given', async () => {
    const res = await s.viewer.get('/v1/trace/serial?serial=P-001');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ambiguous_serial');
    expect(res.body.error.message).toContain('IMP-7');
    expect(res.body.error.message).toContain('PUMP-3');
    const other = (await s.viewer.get('/v1/trace/serial?serial=P-001&sku=IMP-7')).body;
    expect(other.unit).toEqual({ sku: 'IMP-7', serial: 'P-001', lot: 'IMP-L1', state: 'in_stock', location: 'WH1-B', party: null });
    expect(other.movements).toHaveLength(1);
  });

  it('keeps the record of a serial whose receipt was voided: both movements shown, the unit nowhere', async () => {
    const res = await s.viewer.get('/v1/trace/serial?serial=P-VOID');
    expect(res.status).toBe(200);
    expect(res.body.unit).toEqual({ sku: 'PUMP-3', serial: 'P-VOID', lot: null, state: null, location: null, party: null });
    expect(res.body.movements.map(line)).toEqual([`receive ${s.d(-8)} 1 ->RCV  PO-9 VOIDED`, `receive ${s.d(-8)} 1 RCV>-  PO-9 REVERSAL`]);
  });

  it('answers its movements as CSV', async () => {
    const json = (await s.viewer.get('/v1/trace/serial?serial=P-001&sku=PUMP-3')).body;
    const res = await s.viewer.get('/v1/trace/serial?serial=P-001&sku=PUMP-3&format=csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const { header, rows } = table(res.body);
    expect(header).toEqual(MOVEMENT_KEYS);
    expect(rows).toEqual(json.movements.map((m: any) => MOVEMENT_KEYS.map((k) => cell(m[k]))));
  });

  it('answers 404 for a serial of another workspace, an unknown serial, or the wrong sku', async () => {
    for (const path of ['/v1/trace/serial?serial=B-ONLY-1', '/v1/trace/serial?serial=NOPE', '/v1/trace/serial?serial=P-002&sku=IMP-7', '/v1/trace/serial?serial=P-002&sku=NOPE']) {
      const res = await s.viewer.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      expect(res.body.error.message).toMatch(/^Serial \S+ (of \S+ )?is not in this workspace\.$/);
    }
    expect((await s.b.get('/v1/trace/serial?serial=B-ONLY-1')).status).toBe(200);
  });

  it('refuses a missing serial with a 400', async () => {
    const res = await s.viewer.get('/v1/trace/serial?sku=PUMP-3');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'invalid_query', message: 'Query parameter serial is required.' });
  });
});
