import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { day, freshWorkspace, postOk, type Workspace } from './fixtures';
import { epcisSchemaErrors } from './epcis-schema';
import { parseCsv } from '../../server/ledger/csv';

// A food distributor as a new user would try it: romaine from a farm, two restaurants, two
// coolers, a salad mix made from the romaine, one case returned; then the records request.
let target: Target;
let ws: Workspace;
let voided: string;
beforeAll(async () => {
  target = await startTarget();
  ws = await freshWorkspace(target, 'fsma');
  const { admin } = ws;
  expect((await admin.post('/v1/items', { items: [
    { sku: 'ROM-24', name: 'Romaine hearts', unit: 'case', lotTracked: 'yes', serialTracked: 'no', gtin: '09506000134369',
      brand: 'Valley', commodity: 'Lettuce', variety: 'Romaine', packSize: '24 ct', packStyle: 'carton' },
    { sku: 'SAL-MIX', name: 'Salad mix', unit: 'KGM', lotTracked: 'yes', serialTracked: 'no', commodity: 'Leafy greens', variety: 'Mixed', packSize: '1 kg', packStyle: 'bag' },
    { sku: 'LOG-T', name: 'Cold-chain logger', unit: 'EA', lotTracked: 'yes', serialTracked: 'yes', gtin: '09506000134376',
      commodity: 'Temperature logger', variety: 'T1', packSize: '1 unit', packStyle: 'box' },
  ] }).then((r) => { expect(r.status, JSON.stringify(r.body)).toBe(200); return r; })).status).toBe(200);
  expect((await admin.post('/v1/locations', { locations: [
    { code: 'COOL-1', name: 'Cooler 1', businessName: 'Fresh Foods DC', gln: '0614141000012', phone: '+1 559 555 0101', address: '1 Dock St', city: 'Fresno', region: 'CA', postalCode: '93650', country: 'US' },
    { code: 'COOL-2', name: 'Cooler 2' },
  ] }).then((r) => { expect(r.status, JSON.stringify(r.body)).toBe(200); return r; })).status).toBe(200);
  expect((await admin.post('/v1/parties', { parties: [
    { name: 'Green Valley Farm', kind: 'supplier', gln: '0614141000005', phone: '+1 831 555 0100', address: '100 River Rd', city: 'Salinas', region: 'CA', postalCode: '93901', country: 'US' },
    { name: 'Bistro 9', kind: 'customer', phone: '+1 831 555 0199', address: '9 Main St', city: 'Monterey', region: 'CA', postalCode: '93940', country: 'US' },
  ] }).then((r) => { expect(r.status, JSON.stringify(r.body)).toBe(200); return r; })).status).toBe(200);
  await postOk(admin, [{ type: 'receive', date: day(-5), sku: 'ROM-24', lot: 'R-611', qty: 40, to: 'COOL-1', party: 'Green Valley Farm', ref: 'PO-77', refType: 'bol' }]);
  await postOk(admin, [{ type: 'transfer', date: day(-4), sku: 'ROM-24', lot: 'R-611', qty: 10, from: 'COOL-1', to: 'COOL-2' }]);
  await postOk(admin, [
    { type: 'ship', date: day(-3), sku: 'ROM-24', lot: 'R-611', qty: 5, from: 'COOL-1', party: 'Bistro 9', ref: 'SO-1' },
    { type: 'ship', date: day(-3), sku: 'ROM-24', lot: 'R-611', qty: 4, from: 'COOL-1', party: '=Taco Hut', ref: 'SO-2' },
  ]);
  await postOk(admin, [
    { type: 'consume', date: day(-2), sku: 'ROM-24', lot: 'R-611', qty: 10, from: 'COOL-2', ref: 'WO-5' },
    { type: 'produce', date: day(-2), sku: 'SAL-MIX', lot: 'S-1', qty: 20, to: 'COOL-2', ref: 'WO-5' },
  ]);
  await postOk(admin, ['LG-1', 'LG/2'].map((serial) => ({ type: 'receive', date: day(-4), sku: 'LOG-T', lot: 'T-26', serial, to: 'COOL-1', party: 'Green Valley Farm', ref: 'PO-78' })));
  await postOk(admin, [{ type: 'ship', date: day(-3), sku: 'LOG-T', lot: 'T-26', serial: 'LG/2', from: 'COOL-1', party: 'Bistro 9', ref: 'SO-1' }]);
  await postOk(admin, [{ type: 'return', date: day(-1), sku: 'ROM-24', lot: 'R-611', qty: 1, to: 'COOL-1', party: 'Bistro 9', ref: 'RMA-3' }]);
  voided = await postOk(admin, [{ type: 'ship', date: day(-1), sku: 'ROM-24', lot: 'R-611', qty: 2, from: 'COOL-1', party: 'Bistro 9', ref: 'SO-9' }]);
  const voiding = await admin.post(`/v1/batches/${voided}/void`, { reason: 'keyed twice' });
  expect(voiding.status, JSON.stringify(voiding.body)).toBe(200);
});
afterAll(() => target?.stop());

const window = () => `from=${day(-10)}&to=${day(0)}`;

describe('the FSMA 204 records', () => {
  it('hold one record per receipt, shipment, return and transformation side, none for a transfer or a voided batch', async () => {
    const res = await ws.admin.get(`/v1/reports/fsma204?${window()}`);
    expect(res.status).toBe(200);
    expect(res.body.records.map((r: any) => `${r.cte}${r.role ? `/${r.role}` : ''} ${r.tlc} ${r.qty} ${r.ref}`)).toEqual([
      'receiving R-611 40 PO-77', 'receiving T-26 1 PO-78', 'receiving T-26 1 PO-78', 'shipping R-611 5 SO-1', 'shipping R-611 4 SO-2', 'shipping T-26 1 SO-1',
      'transformation/input R-611 10 WO-5', 'transformation/output S-1 20 WO-5', 'receiving R-611 1 RMA-3',
    ]);
  });

  it('carry the key data elements: product description, places described, the TLC source and the reference document', async () => {
    const [receipt, , , toBistro, toTacoHut, , input, output, ret] = (await ws.admin.get(`/v1/reports/fsma204?${window()}`)).body.records;
    expect(receipt).toMatchObject({
      date: day(-5), sku: 'ROM-24', product: 'Romaine hearts', brand: 'Valley', commodity: 'Lettuce', variety: 'Romaine', packSize: '24 ct', packStyle: 'carton',
      unit: 'CS', partnerName: 'Green Valley Farm', partnerCity: 'Salinas', locationName: 'Fresh Foods DC', locationPostalCode: '93650',
      tlcSourceName: 'Green Valley Farm', tlcSourcePhone: '+1 831 555 0100', tlcSourceRef: '0614141000005', refType: 'BOL', missing: [],
    });
    expect(toBistro).toMatchObject({ partnerName: 'Bistro 9', partnerAddress: '9 Main St', locationName: 'Fresh Foods DC', tlcSourceName: 'Green Valley Farm', refType: 'BOL', missing: [] });
    // A customer nobody described: every missing element named, none left blank silently.
    expect(toTacoHut.partnerName).toBe('=Taco Hut');
    expect(toTacoHut.missing).toEqual(['partnerPhone', 'partnerAddress', 'partnerCity', 'partnerRegion', 'partnerPostalCode', 'partnerCountry']);
    expect(input).toMatchObject({ locationName: 'Cooler 2', refType: 'WO', partnerName: null });
    expect(input.missing).toEqual(['locationPhone', 'locationAddress', 'locationCity', 'locationRegion', 'locationPostalCode', 'locationCountry']);
    // A produced lot's TLC source is where it was made.
    expect(output).toMatchObject({ tlc: 'S-1', unit: 'KGM', tlcSourceName: 'Cooler 2', brand: null });
    expect(output.missing).toContain('tlcSourceRef');
    expect(ret).toMatchObject({ cte: 'receiving', partnerName: 'Bistro 9', refType: 'RMA', tlcSourceName: 'Green Valley Farm' });
  });

  it('are a sortable spreadsheet as CSV: plain English headers, formula-safe, missing elements named', async () => {
    const res = await ws.admin.get(`/v1/reports/fsma204?${window()}&format=csv`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const [header, ...rows] = parseCsv(res.body);
    expect(header.slice(0, 4)).toEqual(['Critical tracking event', 'Transformation role', 'Date', 'Traceability lot code']);
    expect(header).toContain('TLC source reference');
    expect(rows).toHaveLength(9);
    const tacoHut = rows[4];
    expect(tacoHut[header.indexOf('Previous source or recipient name')]).toBe("'=Taco Hut");
    expect(tacoHut[header.indexOf('Missing key data elements')]).toContain('Previous source or recipient phone');
  });

  it('take lots instead of a window (several, and across items), and refuse a request with neither', async () => {
    const byLot = (await ws.admin.get('/v1/reports/fsma204?lot=S-1')).body.records;
    // The whole transformation comes with its output lot: its input too.
    expect(byLot.map((r: any) => `${r.role} ${r.tlc}`)).toEqual(['input R-611', 'output S-1']);
    const none = await ws.admin.get('/v1/reports/fsma204');
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('invalid_query');
    expect((await ws.admin.get('/v1/reports/fsma204?lot=NOPE')).status).toBe(404);
  });
  it('leave no required element blank once every party and location is described', async () => {
    expect((await ws.admin.post('/v1/parties', { parties: [
      { name: '=Taco Hut', kind: 'customer', phone: '+1 831 555 0142', address: '4 Pier Rd', city: 'Seaside', region: 'CA', postalCode: '93955', country: 'US' },
    ] })).status).toBe(200);
    expect((await ws.admin.post('/v1/locations', { locations: [
      { code: 'COOL-2', name: 'Cooler 2', businessName: 'Fresh Foods DC', phone: '+1 559 555 0101', address: '1 Dock St', city: 'Fresno', region: 'CA', postalCode: '93650', country: 'US' },
    ] })).status).toBe(200);
    const records = (await ws.admin.get(`/v1/reports/fsma204?${window()}`)).body.records;
    expect(records).toHaveLength(9);
    expect(records.filter((r: any) => r.missing.length > 0)).toEqual([]);
  });
});

describe('the EPCIS export', () => {
  it("validates against GS1's EPCIS 2.0 JSON schema and holds the same events", async () => {
    const res = await ws.admin.get(`/v1/export/epcis?${window()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/ld+json');
    const doc = res.body;
    expect(epcisSchemaErrors(doc)).toBeNull();
    const events = doc.epcisBody.eventList;
    expect(events.map((e: any) => `${e.type} ${e.bizStep ?? ''} ${e.disposition ?? ''}`.trim())).toEqual([
      'ObjectEvent receiving in_progress', 'ObjectEvent receiving in_progress', 'ObjectEvent receiving in_progress',
      'ObjectEvent shipping in_transit', 'ObjectEvent shipping in_transit', 'ObjectEvent shipping in_transit',
      'TransformationEvent commissioning active', 'ObjectEvent receiving returned',
    ]);
    // Lots by quantity, serial units by EPC, as the ledger holds them.
    expect(events[0].quantityList).toEqual([{ epcClass: 'https://id.gs1.org/01/09506000134369/10/R-611', quantity: 40, uom: 'CS' }]);
    expect(events.slice(1, 3).map((e: any) => e.epcList)).toEqual([['https://id.gs1.org/01/09506000134376/21/LG-1'], ['https://id.gs1.org/01/09506000134376/21/LG%2F2']]);
    expect(events[5]).toMatchObject({ epcList: ['https://id.gs1.org/01/09506000134376/21/LG%2F2'], bizTransactionList: [{ type: 'bol' }] });
    expect(events[3].quantityList[0].quantity).toBe(5);
    expect(events[6].inputQuantityList).toEqual([{ epcClass: 'https://id.gs1.org/01/09506000134369/10/R-611', quantity: 10, uom: 'CS' }]);
    expect(events[6].outputQuantityList[0]).toMatchObject({ quantity: 20, uom: 'KGM' });
    expect(events[7].quantityList[0].quantity).toBe(1);
  });
});
