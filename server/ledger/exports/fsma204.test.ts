import { describe, expect, it } from 'vitest';
import { fsma204Records, FSMA204_COLUMNS } from './fsma204';
import type { CteEvent } from './events';
import type { Party } from '../../../shared/parties';

const receipt: CteEvent = {
  id: 1, batchId: 'B-1', type: 'receive', date: '2026-11-20', postedAt: '2026-11-20T08:00:00.000Z', sku: 'ROM-24', gtin: null,
  product: 'Romaine', description: { brand: null, commodity: 'Lettuce', variety: 'Romaine', packSize: '24 ct', packStyle: 'carton' },
  unit: 'CS', lot: 'R-1', serial: null, qty: 40, from: null, to: 'COOL-1', party: 'Farm', ref: 'PO-7', refType: 'PO', tlcSource: 'Farm', tlcSourceRef: null,
};
const farm: Party = { name: 'Farm', kind: 'supplier', gln: null, ffrn: null, phone: '1', address: '2', city: '3', region: '4', postalCode: '5', country: 'US' };
const cooler = { code: 'COOL-1', name: 'Cooler', businessName: 'DC', phone: '1', address: '2', city: '3', region: '4', postalCode: '5', country: 'US' };

describe('FSMA 204 records', () => {
  it("take the TLC source's description or its reference, either will do (1.1345(a)(7))", () => {
    const described = fsma204Records([receipt], { parties: new Map([['Farm', farm]]), locations: new Map([['COOL-1', cooler]]) });
    expect(described[0].missing).toEqual([]);
    expect(described[0].tlcSourceRef).toBeNull();
    const bare = fsma204Records([receipt], { parties: new Map([['Farm', { ...farm, phone: null }]]), locations: new Map([['COOL-1', cooler]]) });
    expect(bare[0].missing).toEqual(['partnerPhone', 'tlcSourcePhone', 'tlcSourceRef']);
    const referenced = fsma204Records([{ ...receipt, tlcSourceRef: '12345678901' }], { parties: new Map([['Farm', { ...farm, phone: null }]]), locations: new Map([['COOL-1', cooler]]) });
    expect(referenced[0].missing).toEqual(['partnerPhone']);
  });

  it('name a missing TLC (an item without lots) and a missing reference document', () => {
    const [r] = fsma204Records([{ ...receipt, lot: null, ref: null }], { parties: new Map([['Farm', farm]]), locations: new Map([['COOL-1', cooler]]) });
    expect(r.missing).toEqual(['tlc', 'ref']);
  });

  it('have a plain English column, with an explanation, for every field, in the order of the fields', () => {
    const [r] = fsma204Records([receipt], { parties: new Map(), locations: new Map() });
    expect(FSMA204_COLUMNS.map((c) => c.key)).toEqual(Object.keys(r));
    expect(new Set(FSMA204_COLUMNS.map((c) => c.header)).size).toBe(FSMA204_COLUMNS.length);
    for (const c of FSMA204_COLUMNS) expect(c.explains.length).toBeGreaterThan(3);
  });
});
