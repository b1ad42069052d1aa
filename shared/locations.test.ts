import { expect, test } from 'vitest';
import { editDistance, nearestLocation } from './locations';

const known = ['RCV', 'WH1-A', 'WH1-B', 'COLD-1', 'QUAR'];

test('a code that differs only in case or punctuation points at the known code', () => {
  expect(nearestLocation('wh1-a', known)).toBe('WH1-A');
  expect(nearestLocation('WH1A', known)).toBe('WH1-A');
  expect(nearestLocation('cold 1', known)).toBe('COLD-1');
});

test('a near typo points at the closest code', () => {
  expect(nearestLocation('WH1-C', known)).toBe('WH1-A');
  expect(nearestLocation('QAUR', known)).toBe('QUAR');
  expect(nearestLocation('COLD-2', known)).toBe('COLD-1');
});

test('a code far from every known one gets no hint', () => {
  expect(nearestLocation('WH7', known)).toBeNull();
  expect(nearestLocation('BASEMENT', known)).toBeNull();
  expect(nearestLocation('X', [])).toBeNull();
});

test('edit distance counts insertions, deletions and substitutions', () => {
  expect(editDistance('WH1A', 'WH1-A')).toBe(1);
  expect(editDistance('kitten', 'sitting')).toBe(3);
  expect(editDistance('', 'abc')).toBe(3);
});
