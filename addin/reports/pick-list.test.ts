import { describe, expect, it } from 'vitest';
import { pickListSheet } from './pick-list';

const NOW = new Date('2026-12-05T08:00:00Z');

describe('the pick list sheet', () => {
  it('lists what is short at the top, then the picks by location, each line in its first-expiry order', () => {
    const sheet = pickListSheet({
      lines: [
        { line: 0, sku: 'VAC-10', qty: 12, short: 0, picks: [
          { lot: 'OLD', serial: null, location: 'WH1-B', qty: 10, expiry: '2026-12-30' },
          { lot: 'NEW', serial: null, location: 'COLD-1', qty: 2, expiry: '2027-06-01' },
        ] },
        { line: 1, sku: 'PUMP-3', qty: 3, short: 2, picks: [{ lot: null, serial: 'P-1', location: 'WH1-A', qty: 1, expiry: null }] },
      ],
    }, [{ sku: 'VAC-10', qty: 12, party: 'Clinic', ref: 'SO-1' }, { sku: 'PUMP-3', qty: 3, party: 'Depot', ref: 'SO-2' }], NOW, false);
    expect(sheet.name).toBe('Pick list');
    expect(sheet.lines.map((l) => l.text)).toEqual([
      'Pick list of 2 order lines, first expiry first out · pulled 2026-12-05 08:00 UTC', 'Short: not enough stock to pick', 'Picks, in walking order',
    ]);
    const [short, picks] = sheet.tables;
    expect(short.rows).toEqual([['SO-2', 'Depot', 'PUMP-3', 3, 2]]);
    expect(picks.columns.map((c) => c.header)).toEqual(['Order', 'Customer', 'SKU', 'Lot', 'Serial', 'Location', 'Qty', 'Expiry', 'Scan', 'Picked']);
    expect(picks.columns.find((c) => c.header === 'Scan')?.kind).toBe('id');
    expect(picks.rows.map((r) => `${r[5]} ${r[3] || r[4]} ${r[6]}`)).toEqual(['COLD-1 NEW 2', 'WH1-A P-1 1', 'WH1-B OLD 10']);
  });
});
