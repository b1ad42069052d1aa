import { describe, expect, it } from 'vitest';
import { epcisDocument } from './epcis';
import type { CteEvent } from './events';
import { epcisSchemaErrors } from '../../../test/api/epcis-schema';
import type { Party } from '../../../shared/parties';
import type { Location } from '../../../shared/rows';

const base: CteEvent = {
  id: 1, batchId: 'B-1', type: 'receive', date: '2026-11-20', postedAt: '2026-11-20T08:00:00.000Z', sku: 'ROM-24', gtin: '09506000134352',
  product: 'Romaine hearts', description: { brand: null, commodity: 'Lettuce', variety: 'Romaine', packSize: '24 ct', packStyle: 'carton' },
  unit: 'CS', lot: 'R-1/A', serial: null, qty: 40, from: null, to: 'COOL-1', party: 'Green Valley Farm', ref: 'PO-7', refType: 'PO',
  tlcSource: 'Green Valley Farm', tlcSourceRef: null,
};
const parties = new Map<string, Party>([['Green Valley Farm', {
  name: 'Green Valley Farm', kind: 'supplier', gln: '0614141000005', ffrn: null, phone: null, address: null, city: null, region: null, postalCode: null, country: null,
}]]);
const locations = new Map<string, Location>([['COOL-1', { code: 'COOL-1', name: 'Cooler 1', gln: '0614141000012' }]]);
const opts = { workspace: 'Fresh Foods', now: new Date('2026-11-21T00:00:00Z'), parties, locations };

describe('the EPCIS document', () => {
  const events: CteEvent[] = [
    base,
    { ...base, id: 2, type: 'ship', from: 'COOL-1', to: null, party: 'Bistro 9', ref: 'SO-1', refType: 'BOL', qty: 5 },
    { ...base, id: 3, type: 'return', party: 'Bistro 9', ref: 'RMA-1', refType: 'RMA', qty: 1 },
    { ...base, id: 4, batchId: 'B-2', type: 'consume', from: 'COOL-1', to: null, party: null, ref: 'WO-1', refType: 'WO', qty: 10 },
    { ...base, id: 5, batchId: 'B-2', type: 'produce', sku: 'SAL-1', gtin: null, lot: 'S-1', to: 'COOL-1', party: null, ref: 'WO-1', refType: 'WO', qty: 20, unit: 'each' },
    { ...base, id: 6, type: 'ship', sku: 'PUMP', lot: null, serial: 'SN 1', from: 'COOL-1', party: 'Bistro 9', ref: null, refType: 'Delivery note' },
  ];
  const doc = epcisDocument(events, opts) as any;
  const list = doc.epcisBody.eventList;

  it("validates against GS1's EPCIS 2.0 JSON schema", () => {
    expect(epcisSchemaErrors(doc)).toBeNull();
  });

  it('makes an ObjectEvent of each receipt, shipment and return, and one TransformationEvent of a work order', () => {
    expect(list.map((e: any) => `${e.type} ${e.bizStep} ${e.disposition}`)).toEqual([
      'ObjectEvent receiving in_progress', 'ObjectEvent shipping in_transit', 'ObjectEvent receiving returned',
      'TransformationEvent commissioning active', 'ObjectEvent shipping in_transit',
    ]);
  });

  it('names lots by GTIN and lot as Digital Link class ids, places and parties by GLN, and the rest in the workspace namespace', () => {
    expect(list[0].quantityList).toEqual([{ epcClass: 'https://id.gs1.org/01/09506000134352/10/R-1%2FA', quantity: 40, uom: 'CS' }]);
    expect(list[0].bizLocation).toEqual({ id: 'https://id.gs1.org/414/0614141000012' });
    expect(list[0].sourceList).toEqual([{ type: 'owning_party', source: 'https://id.gs1.org/417/0614141000005' }]);
    expect(list[0].bizTransactionList).toEqual([{ type: 'po', bizTransaction: 'urn:lotledger:Fresh%20Foods:document:PO:PO-7' }]);
    expect(list[1].destinationList).toEqual([{ type: 'owning_party', destination: 'urn:lotledger:Fresh%20Foods:party:Bistro%209' }]);
    expect(list[3].outputQuantityList).toEqual([{ epcClass: 'urn:lotledger:Fresh%20Foods:item:SAL-1:lot:S-1', quantity: 20 }]);
    expect(list[3].inputQuantityList[0]).toMatchObject({ quantity: 10, uom: 'CS' });
    expect(list[4].epcList).toEqual(['https://id.gs1.org/01/09506000134352/21/SN%201']);
    expect(list[4].bizTransactionList).toBeUndefined();
  });
});
