/** Report answers as the server gives them, for the layout and adapter tests. */
import type { LotTraceAnswer, Movement, RecallAnswer } from '../../shared/report-answers';
import type { Fsma204Record } from '../../shared/fsma204';

export const HOSTILE = { lot: '@SUM(A1)', party: '=HYPERLINK("http://evil.example","click")', ref: '+1', note: '-2' };

let id = 0;
export function movement(m: Partial<Movement> & Pick<Movement, 'type' | 'date' | 'qty'>): Movement {
  id++;
  return {
    id, batchId: `B-${id}`, sku: 'VAC-10', lot: 'FLU-A', serial: null, from: null, to: null, party: null, ref: null, note: null,
    postedAt: '2026-11-20T10:00:00.000Z', postedBy: 'admin', voidedBy: null, reverses: null, ...m,
  };
}

/** Lot FLU-A: 100 received, 20 + 10 shipped, 3 returned, a voided shipment of 7 and its reversal. */
export function lotTrace(): LotTraceAnswer {
  const receipt = movement({ type: 'receive', date: '2026-10-25', qty: 100, to: 'COLD-1', party: 'Acme Pharma', ref: '000123' });
  const north = movement({ type: 'ship', date: '2026-11-09', qty: 20, from: 'COLD-1', party: 'Clinic North', ref: 'SO-1' });
  const south = movement({ type: 'ship', date: '2026-11-09', qty: 10, from: 'COLD-1', party: HOSTILE.party, ref: HOSTILE.ref, note: HOSTILE.note });
  const back = movement({ type: 'return', date: '2026-11-14', qty: 3, to: 'QUAR', party: 'Clinic North', ref: 'RMA-1' });
  const voided = movement({ type: 'ship', date: '2026-11-16', qty: 7, from: 'COLD-1', party: 'Clinic East', ref: 'SO-9', voidedBy: 'B-V' });
  const reversal = movement({ type: 'ship', date: '2026-11-16', qty: 7, to: 'COLD-1', party: 'Clinic East', ref: 'SO-9', batchId: 'B-V', reverses: voided.id });
  return {
    lot: { sku: 'VAC-10', lot: 'FLU-A', expiry: '2027-11-30', firstReceived: '2026-10-25', held: false },
    onHand: [{ location: 'COLD-1', qty: 70 }, { location: 'QUAR', qty: 3 }],
    receipts: [receipt],
    shipments: [north, south, voided, reversal],
    returns: [back],
    customers: [
      { party: HOSTILE.party, shipped: 10, returned: 0, qty: 10, refs: ['+1'], lastShipped: '2026-11-09' },
      { party: 'Clinic North', shipped: 20, returned: 3, qty: 17, refs: ['SO-1'], lastShipped: '2026-11-09' },
    ],
    madeFrom: [],
    usedIn: [],
    movements: [receipt, north, south, back, voided, reversal],
  };
}

export function recallAnswer(): RecallAnswer {
  return {
    sku: 'VAC-10',
    lots: [{ lot: 'FLU-A', expiry: '2027-11-30', firstReceived: '2026-10-25' }, { lot: '007', expiry: null, firstReceived: '2026-10-26' }],
    derived: [],
    customers: [{ party: 'Clinic North', shipped: 20, returned: 3, qty: 17, refs: ['SO-1', 'SO-3'], lastShipped: '2026-11-12', lots: [{ sku: 'VAC-10', lot: 'FLU-A', qty: 17 }] }],
    onHand: [{ sku: 'VAC-10', location: 'COLD-1', lot: 'FLU-A', qty: 70, held: false }, { sku: 'VAC-10', location: 'WH1-A', lot: '007', qty: 2.5, held: false }],
    units: [],
  };
}

/** A fully described receiving record; `missing` and nulls as a test needs them. */
export function fsmaRecord(patch: Partial<Fsma204Record> = {}): Fsma204Record {
  const place = (p: string, name: string) => ({
    [`${p}Name`]: name, [`${p}Phone`]: '+1 831 555 0100', [`${p}Address`]: '1 Farm Rd', [`${p}City`]: 'Salinas',
    [`${p}Region`]: 'CA', [`${p}PostalCode`]: '01234', [`${p}Country`]: 'US',
  });
  return {
    cte: 'receiving', role: null, date: '2026-11-20', tlc: 'ROM-2611', sku: 'ROM-1', product: 'Romaine hearts', brand: 'Green',
    commodity: 'Romaine lettuce', variety: 'Heart', packSize: '3 ct', packStyle: 'bag', qty: 40, unit: 'CS',
    ...place('partner', 'Green Farm'), ...place('location', 'Cooler 1'), ...place('tlcSource', 'Green Farm'),
    tlcSourceRef: '0614141000005', refType: 'PO', ref: '000456', batchId: 'b_1', movementId: 7, missing: [],
    ...patch,
  } as Fsma204Record;
}
