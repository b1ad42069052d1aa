import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../server/ledger/csv';
import { HOSTILE, seedLedger, type SeededLedger } from './reports-ledger';
import { startTarget, type Target } from './target';

let target: Target;
let s: SeededLedger;

beforeAll(async () => {
  target = await startTarget();
  s = await seedLedger(target);
});
afterAll(() => target?.stop());

/** A CSV answer read as a spreadsheet would: one object per record, keyed by the header row. */
function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
const cell = (v: unknown) => (v === null ? '' : Array.isArray(v) ? v.join('; ') : String(v));
/** The JSON records as their CSV cells would read (no hostile text in them). */
const asCells = (list: Record<string, unknown>[]) => list.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cell(v)])));

async function csvOf(path: string) {
  const res = await s.viewer.get(`${path}${path.includes('?') ? '&' : '?'}format=csv`);
  expect(res.status, String(res.body)).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  return res.body as string;
}

async function bad(path: string, name: string) {
  const res = await s.viewer.get(path);
  expect(res.status, path).toBe(400);
  expect(res.body.error.code).toBe('invalid_query');
  expect(res.body.error.message).toContain(name);
}

describe('recall', () => {
  it('names every customer who still holds the lots, with quantities, orders and dates, returns netted', async () => {
    const res = await s.viewer.get('/v1/reports/recall?sku=VAC-10&lot=FLU-A&lot=FLU-B');
    expect(res.status).toBe(200);
    expect(res.body.customers.map(({ lots: _, ...c }: any) => c)).toEqual([
      { party: 'Clinic North', shipped: 25, returned: 3, qty: 22, refs: ['SO-1', 'SO-3'], lastShipped: s.d(-12) },
      { party: 'Clinic South', shipped: 10, returned: 0, qty: 10, refs: ['SO-2'], lastShipped: s.d(-15) },
    ]);
    // Clinic East got 7 in a batch that was voided: it is not called.
    expect(res.body.customers.map((c: any) => c.party)).not.toContain('Clinic East');
  });

  it('shows what is still on our shelves by location and lot, and the lots it covers', async () => {
    const res = await s.viewer.get('/v1/reports/recall?sku=VAC-10&lot=FLU-A&lot=FLU-B');
    expect(res.body.onHand).toEqual([
      { sku: 'VAC-10', location: 'COLD-1', lot: 'FLU-A', qty: 45, held: false },
      { sku: 'VAC-10', location: 'COLD-1', lot: 'FLU-B', qty: 40, held: false },
      { sku: 'VAC-10', location: 'QUAR', lot: 'FLU-A', qty: 1, held: false },
      { sku: 'VAC-10', location: 'WH1-A', lot: 'FLU-A', qty: 20, held: false },
    ]);
    expect(res.body.units).toEqual([]);
    expect(res.body.lots).toEqual([
      { lot: 'FLU-A', expiry: s.d(10), firstReceived: s.d(-30) },
      { lot: 'FLU-B', expiry: s.d(-5), firstReceived: s.d(-30) },
    ]);
  });

  it('lists the serial units of a lot wherever they are now', async () => {
    const res = await s.viewer.get('/v1/reports/recall?sku=IMP-7&lot=IMP-L1');
    expect(res.body.units).toEqual([
      { sku: 'IMP-7', serial: 'I-002', lot: 'IMP-L1', state: 'shipped', location: null, party: 'Clinic South', held: false },
      { sku: 'IMP-7', serial: 'P-001', lot: 'IMP-L1', state: 'in_stock', location: 'WH1-B', party: null, held: false },
    ]);
    expect(res.body.customers).toEqual([{ party: 'Clinic South', shipped: 1, returned: 0, qty: 1, refs: ['SO-5'], lastShipped: s.d(-15),
      lots: [{ sku: 'IMP-7', lot: 'IMP-L1', qty: 1 }] }]);
    expect(res.body.onHand).toEqual([{ sku: 'IMP-7', location: 'WH1-B', lot: 'IMP-L1', qty: 1, held: false }]);
  });

  it('answers its customers as CSV, orders joined by "; "', async () => {
    const json = (await s.viewer.get('/v1/reports/recall?sku=VAC-10&lot=FLU-A&lot=FLU-B')).body;
    const text = await csvOf('/v1/reports/recall?sku=VAC-10&lot=FLU-A&lot=FLU-B');
    expect(text.split('\r\n')[0]).toBe('party,shipped,returned,qty,refs,lastShipped');
    expect(records(text)).toEqual(asCells(json.customers.map(({ lots: _, ...c }: any) => c)));
    expect(text).toContain(`Clinic North,25,3,22,SO-1; SO-3,${s.d(-12)}\r\n`);
  });

  it('keeps a hostile customer name intact in JSON and neutralised in CSV', async () => {
    const lot = encodeURIComponent(HOSTILE.lot);
    const json = (await s.viewer.get(`/v1/reports/recall?sku=VAC-10&lot=${lot}`)).body;
    expect(json.customers).toEqual([{ party: HOSTILE.party, shipped: 1, returned: 0, qty: 1, refs: [HOSTILE.ref], lastShipped: s.d(-10),
      lots: [{ sku: 'VAC-10', lot: HOSTILE.lot, qty: 1 }] }]);
    expect(json.onHand).toEqual([{ sku: 'VAC-10', location: 'COLD-1', lot: HOSTILE.lot, qty: 4, held: false }]);
    const text = await csvOf(`/v1/reports/recall?sku=VAC-10&lot=${lot}`);
    expect(records(text)).toEqual([{ party: `'${HOSTILE.party}`, shipped: '1', returned: '0', qty: '1', refs: "'+1", lastShipped: s.d(-10) }]);
  });

  it('answers 404 naming a lot that is not in this workspace', async () => {
    const res = await s.viewer.get('/v1/reports/recall?sku=VAC-10&lot=FLU-A&lot=ONLY-B');
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'not_found', message: 'Lot ONLY-B of VAC-10 is not in this workspace.' });
    expect((await s.b.get('/v1/reports/recall?sku=VAC-10&lot=ONLY-B')).status).toBe(200);
  });

  it('refuses a recall without a lot or a sku', async () => {
    await bad('/v1/reports/recall?sku=VAC-10', 'lot');
    await bad('/v1/reports/recall?lot=FLU-A', 'sku');
    const many = Array.from({ length: 501 }, (_, i) => `lot=L${i}`).join('&');
    await bad(`/v1/reports/recall?sku=VAC-10&${many}`, '500 lots');
  });
});

describe('expiring', () => {
  it('lists lots on hand expiring within the window, soonest first, the expired ones flagged', async () => {
    const res = await s.viewer.get('/v1/reports/expiring?days=30');
    expect(res.status).toBe(200);
    expect(res.body.lots).toEqual([
      { sku: 'VAC-10', lot: 'FLU-B', expiry: s.d(-5), daysLeft: -5, expired: true, location: 'COLD-1', qty: 40, held: false },
      { sku: 'SAL-500', lot: 'S-2', expiry: s.d(0), daysLeft: 0, expired: false, location: 'WH1-A', qty: 3, held: false },
      { sku: 'VAC-10', lot: 'FLU-A', expiry: s.d(10), daysLeft: 10, expired: false, location: 'COLD-1', qty: 45, held: false },
      { sku: 'VAC-10', lot: 'FLU-A', expiry: s.d(10), daysLeft: 10, expired: false, location: 'QUAR', qty: 1, held: false },
      { sku: 'VAC-10', lot: 'FLU-A', expiry: s.d(10), daysLeft: 10, expired: false, location: 'WH1-A', qty: 20, held: false },
      { sku: 'IMP-7', lot: 'IMP-L1', expiry: s.d(20), daysLeft: 20, expired: false, location: 'WH1-B', qty: 1, held: false },
    ]);
  });

  it('counts the last day of the window in and the day after out', async () => {
    const ten = (await s.viewer.get('/v1/reports/expiring?days=10')).body.lots;
    expect(ten.map((l: any) => `${l.lot}@${l.location}`)).toEqual(['FLU-B@COLD-1', 'S-2@WH1-A', 'FLU-A@COLD-1', 'FLU-A@QUAR', 'FLU-A@WH1-A']);
    const nine = (await s.viewer.get('/v1/reports/expiring?days=9')).body.lots;
    expect(nine.map((l: any) => l.lot)).toEqual(['FLU-B', 'S-2']);
    // A lot that expires today is still good today: in the window, not flagged expired.
    const today = (await s.viewer.get('/v1/reports/expiring?days=0')).body.lots;
    expect(today.map((l: any) => [l.lot, l.daysLeft, l.expired])).toEqual([['FLU-B', -5, true], ['S-2', 0, false]]);
  });

  it('defaults to 30 days and leaves out the other workspace\'s lots', async () => {
    const res = (await s.viewer.get('/v1/reports/expiring')).body;
    expect(res.lots).toHaveLength(6);
    expect(res.lots.map((l: any) => l.lot)).not.toContain('ONLY-B');
    expect((await s.b.get('/v1/reports/expiring?days=30')).body.lots.map((l: any) => l.lot)).toEqual(['ONLY-B']);
  });

  it('answers the lots as CSV, booleans and numbers as they are', async () => {
    const json = (await s.viewer.get('/v1/reports/expiring?days=30')).body;
    const text = await csvOf('/v1/reports/expiring?days=30');
    expect(text.split('\r\n')[0]).toBe('sku,lot,expiry,daysLeft,expired,location,qty,held');
    expect(records(text)).toEqual(asCells(json.lots));
    expect(text).toContain(`VAC-10,FLU-B,${s.d(-5)},-5,true,COLD-1,40,false\r\n`);
  });

  it.each(['abc', '-1', '3651', '1.5', '1e2'])('refuses days=%s with a 400', async (days) => {
    await bad(`/v1/reports/expiring?days=${days}`, 'days');
  });
});

describe('on hand', () => {
  it('shows what is held now: serial units one row each, lots and untracked items per location', async () => {
    const res = await s.viewer.get('/v1/reports/on-hand');
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe(s.d(0));
    expect(res.body.rows).toEqual([
      { sku: 'GLV-M', lot: null, serial: null, location: 'WH1-A', qty: 10, held: false },
      { sku: 'GLV-M', lot: null, serial: null, location: 'WH1-B', qty: 2, held: false },
      { sku: 'IMP-7', lot: 'IMP-L1', serial: 'P-001', location: 'WH1-B', qty: 1, held: false },
      { sku: 'PUMP-3', lot: null, serial: 'P-001', location: 'QUAR', qty: 1, held: false },
      { sku: 'PUMP-3', lot: null, serial: 'P-002', location: 'WH1-A', qty: 1, held: false },
      { sku: 'SAL-500', lot: 'S-1', serial: null, location: 'WH1-A', qty: 50, held: false },
      { sku: 'SAL-500', lot: 'S-2', serial: null, location: 'WH1-A', qty: 3, held: false },
      { sku: 'VAC-10', lot: HOSTILE.lot, serial: null, location: 'COLD-1', qty: 4, held: false },
      { sku: 'VAC-10', lot: 'FLU-A', serial: null, location: 'COLD-1', qty: 45, held: false },
      { sku: 'VAC-10', lot: 'FLU-A', serial: null, location: 'QUAR', qty: 1, held: false },
      { sku: 'VAC-10', lot: 'FLU-A', serial: null, location: 'WH1-A', qty: 20, held: false },
      { sku: 'VAC-10', lot: 'FLU-B', serial: null, location: 'COLD-1', qty: 40, held: false },
    ]);
  });

  it('agrees with the sum of the movements: the stock projection and the ledger tell the same story', async () => {
    const now = (await s.viewer.get('/v1/reports/on-hand')).body.rows;
    const replayed = (await s.viewer.get(`/v1/reports/on-hand?asOf=${s.d(1)}`)).body.rows;
    expect(replayed).toEqual(now);
    const b = (await s.b.get('/v1/reports/on-hand')).body.rows;
    expect((await s.b.get(`/v1/reports/on-hand?asOf=${s.d(1)}`)).body.rows).toEqual(b);
  });

  it('shows stock as it stood at the end of a past day, from the movement dates', async () => {
    const res = await s.viewer.get(`/v1/reports/on-hand?asOf=${s.d(-25)}`);
    expect(res.body.asOf).toBe(s.d(-25));
    expect(res.body.rows).toEqual([
      { sku: 'GLV-M', lot: null, serial: null, location: 'WH1-A', qty: 10, held: false },
      { sku: 'GLV-M', lot: null, serial: null, location: 'WH1-B', qty: 2, held: false },
      { sku: 'IMP-7', lot: 'IMP-L1', serial: 'I-002', location: 'WH1-B', qty: 1, held: false },
      { sku: 'IMP-7', lot: 'IMP-L1', serial: 'P-001', location: 'WH1-B', qty: 1, held: false },
      { sku: 'PUMP-3', lot: null, serial: 'P-001', location: 'WH1-B', qty: 1, held: false },
      { sku: 'PUMP-3', lot: null, serial: 'P-002', location: 'WH1-B', qty: 1, held: false },
      { sku: 'SAL-500', lot: 'S-1', serial: null, location: 'WH1-A', qty: 50.5, held: false },
      { sku: 'SAL-500', lot: 'S-2', serial: null, location: 'WH1-A', qty: 3, held: false },
      { sku: 'VAC-10', lot: HOSTILE.lot, serial: null, location: 'COLD-1', qty: 5, held: false },
      { sku: 'VAC-10', lot: 'FLU-A', serial: null, location: 'COLD-1', qty: 100, held: false },
      { sku: 'VAC-10', lot: 'FLU-B', serial: null, location: 'COLD-1', qty: 40, held: false },
    ]);
    const midway = (await s.viewer.get(`/v1/reports/on-hand?sku=VAC-10&asOf=${s.d(-13)}`)).body.rows;
    expect(midway.filter((r: any) => r.lot === 'FLU-A')).toEqual([
      { sku: 'VAC-10', lot: 'FLU-A', serial: null, location: 'COLD-1', qty: 50, held: false },
      { sku: 'VAC-10', lot: 'FLU-A', serial: null, location: 'WH1-A', qty: 20, held: false },
    ]);
    expect((await s.viewer.get(`/v1/reports/on-hand?asOf=${s.d(-31)}`)).body.rows).toEqual([]);
    // The end of the day before the late receipt's date: it is not there yet.
    const before = (await s.viewer.get(`/v1/reports/on-hand?sku=GLV-M&asOf=${s.d(-26)}`)).body.rows;
    expect(before).toEqual([{ sku: 'GLV-M', lot: null, serial: null, location: 'WH1-A', qty: 10, held: false }]);
  });

  it('counts a voided batch on no day: the day it was dated shows stock as if it never happened', async () => {
    const rows = (await s.viewer.get(`/v1/reports/on-hand?asOf=${s.d(-8)}`)).body.rows;
    expect(rows.find((r: any) => r.sku === 'GLV-M')).toEqual({ sku: 'GLV-M', lot: null, serial: null, location: 'WH1-A', qty: 10, held: false });
    expect(rows.filter((r: any) => r.lot === 'FLU-A').map((r: any) => [r.location, r.qty])).toEqual([['COLD-1', 45], ['QUAR', 1], ['WH1-A', 20]]);
    expect(rows.some((r: any) => r.serial === 'P-VOID')).toBe(false);
  });

  it('filters by item and by location, now and as of a date', async () => {
    const now = (await s.viewer.get('/v1/reports/on-hand?sku=VAC-10&location=COLD-1')).body.rows;
    expect(now.map((r: any) => [r.lot, r.qty])).toEqual([[HOSTILE.lot, 4], ['FLU-A', 45], ['FLU-B', 40]]);
    const then = (await s.viewer.get(`/v1/reports/on-hand?sku=PUMP-3&location=WH1-B&asOf=${s.d(-25)}`)).body.rows;
    expect(then.map((r: any) => r.serial)).toEqual(['P-001', 'P-002']);
    const place = (await s.viewer.get('/v1/reports/on-hand?location=QUAR')).body.rows;
    expect(place.map((r: any) => `${r.sku}/${r.lot ?? r.serial}:${r.qty}`)).toEqual(['PUMP-3/P-001:1', 'VAC-10/FLU-A:1']);
  });

  it('answers its rows as CSV, the hostile lot neutralised', async () => {
    const json = (await s.viewer.get('/v1/reports/on-hand')).body;
    const text = await csvOf('/v1/reports/on-hand');
    expect(text.split('\r\n')[0]).toBe('sku,lot,serial,location,qty,held');
    const expected = asCells(json.rows).map((r) => (r.lot === HOSTILE.lot ? { ...r, lot: `'${HOSTILE.lot}` } : r));
    expect(records(text)).toEqual(expected);
    expect(text).toContain("VAC-10,'@SUM(A1),,COLD-1,4,false\r\n");
  });

  it('answers 404 for an unknown item or location and 400 for a date that is no date', async () => {
    const item = await s.viewer.get('/v1/reports/on-hand?sku=NOPE');
    expect(item.status).toBe(404);
    expect(item.body.error.message).toBe('Item NOPE is not in this workspace.');
    const place = await s.viewer.get('/v1/reports/on-hand?location=MARS');
    expect(place.status).toBe(404);
    expect(place.body.error.message).toBe('Location MARS is not in this workspace.');
    for (const asOf of ['2026-02-30', '2026-13-01', 'yesterday', '20261101']) await bad(`/v1/reports/on-hand?asOf=${asOf}`, 'asOf');
  });
});

describe('movement record', () => {
  const line = (m: any) => `${m.date} ${m.type} ${m.sku} ${m.lot ?? m.serial ?? '-'} ${m.qty}${m.voidedBy ? ' VOIDED' : ''}${m.reverses ? ' REVERSAL' : ''}`;

  it('lists every movement in the window sorted by date then posting order', async () => {
    const res = await s.viewer.get(`/v1/reports/movements?from=${s.d(-15)}&to=${s.d(-8)}`);
    expect(res.status).toBe(200);
    const d = s.d;
    expect(res.body.movements.map(line)).toEqual([
      `${d(-15)} ship VAC-10 FLU-A 20`,
      `${d(-15)} ship VAC-10 FLU-A 10`,
      `${d(-15)} ship PUMP-3 P-001 1`,
      `${d(-15)} ship IMP-7 IMP-L1 1`,
      `${d(-12)} ship VAC-10 FLU-A 5`,
      `${d(-10)} return VAC-10 FLU-A 3`,
      `${d(-10)} scrap VAC-10 FLU-A 2`,
      `${d(-10)} return PUMP-3 P-001 1`,
      `${d(-10)} ship VAC-10 @SUM(A1) 1`,
      `${d(-8)} ship VAC-10 FLU-A 7 VOIDED`,
      `${d(-8)} ship GLV-M - 4 VOIDED`,
      `${d(-8)} receive PUMP-3 P-VOID 1 VOIDED`,
      // a void undoes the batch last row first
      `${d(-8)} receive PUMP-3 P-VOID 1 REVERSAL`,
      `${d(-8)} ship GLV-M - 4 REVERSAL`,
      `${d(-8)} ship VAC-10 FLU-A 7 REVERSAL`,
    ]);
    expect(res.body.nextCursor).toBeNull();
  });

  it('pages through the whole record with a cursor, no movement missed or repeated', async () => {
    const all = (await s.viewer.get('/v1/reports/movements')).body.movements;
    expect(all).toHaveLength(29);
    expect(all.some((m: any) => m.ref === 'PO-B1')).toBe(false);
    const keys = all.map((m: any) => `${m.date}/${String(m.id).padStart(9, '0')}`);
    expect(keys).toEqual([...keys].sort());
    // The late-entered receipt, posted last, sits among its date's movements.
    expect(all.findIndex((m: any) => m.ref === 'PO-LATE')).toBe(10);
    // Every page size puts a page boundary somewhere else, the late receipt included.
    for (const limit of [1, 2, 3]) {
      const paged: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: any = await s.viewer.get(`/v1/reports/movements?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.movements.length).toBeLessThanOrEqual(limit);
        paged.push(...res.body.movements);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(Math.ceil(all.length / limit));
      expect(paged).toEqual(all);
    }
  });

  it('filters by item and lot', async () => {
    const lot = (await s.viewer.get('/v1/reports/movements?sku=VAC-10&lot=FLU-A')).body.movements;
    const trace = (await s.viewer.get('/v1/trace/lot?sku=VAC-10&lot=FLU-A')).body.movements;
    expect(lot.map((m: any) => m.id).sort()).toEqual(trace.map((m: any) => m.id).sort());
    const byCode = (await s.viewer.get('/v1/reports/movements?lot=IMP-L1')).body.movements;
    expect(byCode.map(line)).toEqual([`${s.d(-30)} receive IMP-7 IMP-L1 1`, `${s.d(-30)} receive IMP-7 IMP-L1 1`, `${s.d(-15)} ship IMP-7 IMP-L1 1`]);
    const gloves = (await s.viewer.get(`/v1/reports/movements?sku=GLV-M&to=${s.d(-9)}`)).body.movements;
    expect(gloves.map(line)).toEqual([`${s.d(-30)} receive GLV-M - 10`, `${s.d(-25)} receive GLV-M - 2`]);
  });

  it('streams the whole window as CSV, the same records as the JSON pages, hostile text neutralised', async () => {
    const all = (await s.viewer.get('/v1/reports/movements')).body.movements;
    const text = await csvOf('/v1/reports/movements?limit=2');
    const rows = records(text);
    expect(rows).toHaveLength(all.length);
    const neutral = (v: string) => (/^[=+\-@]/.test(v) ? `'${v}` : v);
    expect(rows).toEqual(asCells(all).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && !['qty', 'id', 'reverses'].includes(k) ? neutral(v) : v]))));
    const hostile = rows.find((r) => r.note === "'-2");
    expect(hostile).toMatchObject({ lot: "'@SUM(A1)", party: `'${HOSTILE.party}`, ref: "'+1" });
  });

  it.each([
    ['from=2026-02-30', 'from'],
    ['to=tomorrow', 'to'],
    ['from=2026-11-10&to=2026-11-01', 'from'],
    ['limit=0', 'limit'],
    ['limit=10001', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=not-a-cursor!', 'cursor'],
    ['cursor=bm90IGEgY3Vyc29y', 'cursor'],
    ['format=pdf', 'format'],
  ])('refuses %s with a 400', async (query, name) => {
    await bad(`/v1/reports/movements?${query}`, name);
  });

  it('answers 404 for an item or lot the workspace does not have', async () => {
    expect((await s.viewer.get('/v1/reports/movements?sku=NOPE')).status).toBe(404);
    const lot = await s.viewer.get('/v1/reports/movements?lot=ONLY-B');
    expect(lot.status).toBe(404);
    expect(lot.body.error.message).toBe('Lot ONLY-B is not in this workspace.');
  });
});
