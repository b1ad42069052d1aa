import { expect, test } from 'vitest';
import { movementType } from './types';

test.each([
  ['receive', 'receive'], ['Receipt', 'receive'], ['RECEIVED', 'receive'], ['receiving', 'receive'],
  ['shipment', 'ship'], ['Sale', 'ship'], ['sold', 'ship'], ['ship out', 'ship'], ['Ship-Out', 'ship'],
  ['move', 'transfer'], ['xfer', 'transfer'], ['Transfer', 'transfer'],
  ['returned', 'return'], ['RMA', 'return'],
  ['write-off', 'scrap'], ['writeoff', 'scrap'], ['Write off', 'scrap'], ['disposal', 'scrap'],
  ['adjustment', 'adjust'], ['count', 'adjust'], [' Adjust ', 'adjust'],
])('the word %j is the movement type %s', (word, type) => {
  expect(movementType(word)).toBe(type);
});

test('unknown words, blanks and non-text are no movement type', () => {
  for (const w of ['recieve', '', 'toString', 'constructor', 'in', 42, null, undefined]) expect(movementType(w)).toBeNull();
});
