import { describe, expect, test } from 'vitest';
import { cleanIdentifier, identifierProblem, shownValue } from './identifiers';
import { codePointName } from './invisible';

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
    expect(identifierProblem('SN\u200B88', 40)).toBe('has an invisible or direction-changing character inside (U+200B ZERO WIDTH SPACE)');
    expect(identifierProblem('A'.repeat(40), 40)).toBeNull();
    expect(identifierProblem('A'.repeat(41), 40)).toBe('is 41 characters long; at most 40 are allowed');
  });

  test('invisible characters are spelled out when a value is shown in a message', () => {
    expect(shownValue('A\u0007B')).toBe('A\\u0007B');
    expect(shownValue('X'.repeat(100)).length).toBe(60);
  });

  test('an identifier is kept in NFC, so a decomposed accent and a composed one are the same', () => {
    expect(cleanIdentifier('A\u0301X')).toBe('\u00C1X');
    expect(cleanIdentifier('\u00C1X')).toBe('\u00C1X');
    expect(cleanIdentifier(' e\u0301 ')).toBe('\u00E9');
    expect(cleanIdentifier('LOT-7')).toBe('LOT-7');
  });

  // The issue-19 list: format characters, bidi controls, variation selectors, tags, fillers,
  // and other Default_Ignorable_Code_Points, each refused by its code point and name.
  const REFUSED: [number, string][] = [
    [0x202e, 'U+202E RIGHT-TO-LEFT OVERRIDE'], [0x200f, 'U+200F RIGHT-TO-LEFT MARK'],
    [0x2066, 'U+2066 LEFT-TO-RIGHT ISOLATE'], [0x2062, 'U+2062 INVISIBLE TIMES'],
    [0x00ad, 'U+00AD SOFT HYPHEN'], [0x034f, 'U+034F COMBINING GRAPHEME JOINER'],
    [0x180e, 'U+180E MONGOLIAN VOWEL SEPARATOR'], [0xfe0f, 'U+FE0F VARIATION SELECTOR-16'],
    [0x3164, 'U+3164 HANGUL FILLER'], [0x115f, 'U+115F HANGUL CHOSEONG FILLER'],
    [0x1160, 'U+1160 HANGUL JUNGSEONG FILLER'], [0xffa0, 'U+FFA0 HALFWIDTH HANGUL FILLER'],
    [0xe0041, 'U+E0041'], [0xe0100, 'U+E0100 VARIATION SELECTOR-17'], [0x200d, 'U+200D ZERO WIDTH JOINER'],
  ];
  test.each(REFUSED)('U+%s inside an identifier is refused by name', (cp, name) => {
    expect(identifierProblem(`SN${String.fromCodePoint(cp)}88`, 40)).toBe(`has an invisible or direction-changing character inside (${name})`);
    expect(codePointName(cp)).toBe(name);
  });

  test('visible letters of other scripts, accents and emoji are identifiers like any other', () => {
    for (const ok of ['\u00C1X-1', 'LOT-\u00E9t\u00E9', '\uAC00\uB098', '\u0627\u0644\u0641', '\u{1F9EA}1']) expect(identifierProblem(ok, 40)).toBeNull();
  });

  test('a right-to-left override is spelled out when shown, so it cannot turn a message around', () => {
    expect(shownValue('SN\u202E88')).toBe('SN\\u202E88');
    expect(shownValue('SN\u{E0041}')).toBe('SN\\u{E0041}');
  });
});
