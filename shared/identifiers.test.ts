import { describe, expect, test } from 'vitest';
import { cleanIdentifier, identifierProblem, shownValue } from './identifiers';

describe('identifiers from cells and scanners', () => {
  test('spaces, NBSP, zero-width characters and control characters at the edges are stripped', () => {
    expect(cleanIdentifier('  LOT-7 ')).toBe('LOT-7');
    expect(cleanIdentifier('\u00A0LOT-7\u00A0')).toBe('LOT-7');
    expect(cleanIdentifier('\u200BLOT-7\u200D\uFEFF')).toBe('LOT-7');
    expect(cleanIdentifier('\u001dLOT-7\r\n')).toBe('LOT-7');
    expect(cleanIdentifier('\tLOT-7\u0000')).toBe('LOT-7');
  });

  test('inner characters are never changed', () => {
    expect(cleanIdentifier(' P3 001003 ')).toBe('P3 001003');
    expect(cleanIdentifier('A\u200BB')).toBe('A\u200BB');
  });

  test('numbers become their text, blanks become empty', () => {
    expect(cleanIdentifier(1234)).toBe('1234');
    expect(cleanIdentifier(null)).toBe('');
    expect(cleanIdentifier(undefined)).toBe('');
  });

  test('an inner space, control or zero-width character, or too many characters is named', () => {
    expect(identifierProblem('SN-88', 40)).toBeNull();
    expect(identifierProblem('SN 88', 40)).toBe('has a space inside');
    expect(identifierProblem('SN\u00A088', 40)).toBe('has a space inside');
    expect(identifierProblem('SN\u000788', 40)).toBe('has a control character inside');
    expect(identifierProblem('SN\u200B88', 40)).toBe('has an invisible (zero-width) character inside');
    expect(identifierProblem('A'.repeat(40), 40)).toBeNull();
    expect(identifierProblem('A'.repeat(41), 40)).toBe('is 41 characters long; at most 40 are allowed');
  });

  test('invisible characters are spelled out when a value is shown in a message', () => {
    expect(shownValue('A\u0007B')).toBe('A\\u0007B');
    expect(shownValue('X'.repeat(100)).length).toBe(60);
  });
});
