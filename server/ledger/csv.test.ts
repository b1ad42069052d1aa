import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csv, csvCell, csvLine, parseCsv } from './csv';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://evil","click")', `"'=HYPERLINK(""http://evil"",""click"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\tL1', "'\tL1"],
    ['\rL1', `"'\rL1"`],
  ])('a text cell that would start a formula (%j) opens with a quote mark', (text, written) => {
    expect(csvCell(text)).toBe(written);
  });

  it('leaves ordinary text, dates and text with the characters inside alone', () => {
    expect(csvCell('L2611A')).toBe('L2611A');
    expect(csvCell('2026-11-20')).toBe('2026-11-20');
    expect(csvCell('A-1=2')).toBe('A-1=2');
  });

  it('writes numbers as numbers, negative ones included, and null as an empty cell', () => {
    expect(csvCell(40)).toBe('40');
    expect(csvCell(0.125)).toBe('0.125');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('quotes commas, quotes and line breaks the RFC 4180 way', () => {
    expect(csvCell('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvCell('12" pipe')).toBe('"12"" pipe"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});

describe('CSV documents', () => {
  it('start with a header row and end every record with CRLF', () => {
    const text = csv([{ header: 'lot', value: (r: { lot: string }) => r.lot }, { header: 'qty', value: () => 2 }], [{ lot: 'L1' }]);
    expect(text).toBe('lot,qty\r\nL1,2\r\n');
  });

  it('read back exactly as written, whatever the text, once neutralising is undone', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.string(), fc.integer()), { minLength: 1, maxLength: 5 }), { maxLength: 8 }), (rows) => {
        const text = rows.map((r) => csvLine(r)).join('');
        const back = parseCsv(text);
        const expected = rows.map((r) => r.map((v) => (typeof v === 'number' ? String(v) : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
        expect(back).toEqual(expected);
      }),
    );
  });

  it('reads a sheet saved with bare LF line ends as it reads CRLF', () => {
    expect(parseCsv('PO #,Lot #\nPO-1,"L,1"\nPO-2,L2\n')).toEqual([['PO #', 'Lot #'], ['PO-1', 'L,1'], ['PO-2', 'L2']]);
    expect(parseCsv('a,b\r\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
  });
});
