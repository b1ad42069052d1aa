import { describe, expect, it } from 'vitest';
import { heldSaid, holdRequests, releasedSaid, type Recalled } from './holds';

const recalled: Recalled = {
  sku: 'FLOUR', lots: ['F1'], sheet: 'Recall FLOUR F1',
  derived: [{ sku: 'DOUGH', lot: 'D1' }, { sku: 'PIE', lot: 'P1' }, { sku: 'PIE', lot: 'P2' }, { sku: 'FLOUR', lot: 'F9' }],
};

describe('the holds a recall asks for', () => {
  it('holds the recalled lots and every lot made from them, one request per item, the recalled item first', () => {
    expect(holdRequests(recalled, true, 'R-7')).toEqual([
      { sku: 'FLOUR', lots: ['F1', 'F9'], reason: 'R-7' },
      { sku: 'DOUGH', lots: ['D1'], reason: 'R-7' },
      { sku: 'PIE', lots: ['P1', 'P2'], reason: 'R-7' },
    ]);
  });

  it('holds only the recalled lots when the lots made from them are left out', () => {
    expect(holdRequests(recalled, false, 'R-7')).toEqual([{ sku: 'FLOUR', lots: ['F1'], reason: 'R-7' }]);
  });

  it('says what was held and released in words', () => {
    expect(heldSaid(recalled, true, 3)).toBe('1 lot of FLOUR and 4 lots made from it on hold (3 newly held).');
    expect(releasedSaid(recalled, false, 1)).toBe('1 hold on 1 lot of FLOUR released.');
  });
});
