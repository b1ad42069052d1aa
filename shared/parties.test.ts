import { describe, expect, it } from 'vitest';
import { checkPartyRows } from './parties';

describe('party rows', () => {
  it('read kinds as a sheet writes them, and numbers in number cells keep their digits', () => {
    const { parties, problems } = checkPartyRows([
      { name: ' Green Valley Farm ', kind: 'Grower', gln: 614141000005, ffrn: 12345678901 },
      { name: 'Bistro 9', kind: 'CLIENT', postalCode: 93940 },
    ]);
    expect(problems).toEqual([]);
    expect(parties[0]).toMatchObject({ name: 'Green Valley Farm', kind: 'supplier', gln: '0614141000005', ffrn: '12345678901' });
    expect(parties[1]).toMatchObject({ name: 'Bistro 9', kind: 'customer', postalCode: '93940', city: null });
  });

  it('name each fault: a missing kind, an over-long field, a control character, a row that is no object', () => {
    const { parties, problems } = checkPartyRows([
      { name: 'A' },
      { name: 'B', kind: 'both', city: 'x'.repeat(101) },
      { name: 'C', kind: 'both', address: 'Line 1\nLine 2' },
      'D',
    ]);
    expect(parties).toEqual([]);
    expect(problems.map((p) => `${p.row} ${p.field} ${p.code}`)).toEqual(['0 kind required', '1 city invalid', '2 address invalid', '3 name invalid']);
    expect(problems[0].message).toBe('Say whether A is a supplier, a customer or both.');
  });
});
