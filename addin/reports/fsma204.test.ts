import { describe, expect, it } from 'vitest';
import { FSMA204_COLUMNS } from '../../shared/fsma204';
import { askedWords, CODING_SYSTEMS, fsma204Sheet, missingHeader } from './fsma204';
import { fsmaRecord } from './fixtures';

const NOW = new Date('2026-11-24T08:05:30Z');

describe('the FSMA 204 record sheet', () => {
  it('is one table with every column in plain English, codes as Text, the date a date, quantities numbers', () => {
    const sheet = fsma204Sheet([fsmaRecord()], { from: '2026-11-01', to: '2026-11-30', lots: [] }, NOW, false);
    expect(sheet.name).toBe('FSMA 204 2026-11-01 2026-11-30');
    expect(sheet.lines[0].text).toBe('FSMA 204 records (21 CFR 1.1455 electronic sortable spreadsheet) · 2026-11-01 to 2026-11-30 · pulled 2026-11-24 08:05 UTC');
    const [records] = sheet.tables;
    expect(records.top).toBe(2);
    expect(records.columns.map((c) => c.header)).toEqual(FSMA204_COLUMNS.map((c) => c.header));
    const at = (key: string) => records.rows[0][FSMA204_COLUMNS.findIndex((c) => c.key === key)];
    const kind = (key: string) => records.columns[FSMA204_COLUMNS.findIndex((c) => c.key === key)].kind;
    expect([at('date'), kind('date')]).toEqual([46346, 'date']);
    expect([at('qty'), at('movementId')]).toEqual([40, 7]);
    // A ZIP code and a PO keep their leading zeros; a phone starting with + is text, never a formula.
    expect([at('partnerPostalCode'), kind('partnerPostalCode'), at('ref'), kind('ref')]).toEqual(['01234', 'id', '000456', 'id']);
    expect(at('partnerPhone')).toBe("'+1 831 555 0100");
    expect(at('missing')).toBe('');
    expect(sheet.marks).toEqual([]);
    expect(sheet.freezeRows).toBe(3);
    expect(sheet.lines[1].text).toMatch(/^1 record, .*no key data element is missing/);
  });

  it('explains every column and the coding systems below the table', () => {
    const sheet = fsma204Sheet([fsmaRecord(), fsmaRecord()], { lots: ['ROM-2611'] }, NOW, false);
    expect(sheet.name).toBe('FSMA 204 ROM-2611');
    const explained = sheet.tables[1];
    expect(explained.top).toBe(2 + 2 + 4); // the header, two records, a blank row and the heading
    expect(sheet.lines.find((l) => l.row === explained.top - 1)).toMatchObject({ text: 'What each column means', style: 'heading' });
    expect(explained.rows).toEqual(FSMA204_COLUMNS.map((c) => [c.header, c.explains]));
    const coding = sheet.lines.filter((l) => l.row > explained.top + explained.rows.length);
    expect(coding.map((l) => l.text)).toEqual(['Coding systems used', ...CODING_SYSTEMS]);
    expect(coding.map((l) => l.text).join(' ')).toMatch(/UN\/ECE.*GLN.*FFRN.*BOL bill of lading/);
    expect(sheet.lines[1].text).toContain(`from row ${explained.top}.`);
  });

  it('marks each missing key data element in its cell with a note naming it, and lists them by name', () => {
    const r = fsmaRecord({ cte: 'shipping', partnerName: 'Bistro 9', partnerPhone: null, partnerAddress: null, commodity: null, missing: ['commodity', 'partnerPhone', 'partnerAddress'] });
    const sheet = fsma204Sheet([fsmaRecord(), r], { from: '2026-11-01', lots: [] }, NOW, false);
    const col = (key: string) => FSMA204_COLUMNS.findIndex((c) => c.key === key);
    expect(sheet.marks.map((m) => [m.row, m.col, m.severity])).toEqual([[4, col('commodity'), 'warning'], [4, col('partnerPhone'), 'warning'], [4, col('partnerAddress'), 'warning']]);
    expect(sheet.marks[1].note).toBe('Missing key data element: Previous source or recipient phone (phone of the immediate previous source (receiving) or the immediate subsequent recipient (shipping)). Describe Bistro 9 on a Parties sheet (or name the party on the shipping row).');
    expect(sheet.marks[0].note).toMatch(/^Missing key data element: Commodity \(commodity\)\. Describe item ROM-1 on an Items sheet\.$/);
    expect(sheet.tables[0].rows[1][col('missing')]).toBe('Commodity; Previous source or recipient phone; Previous source or recipient street address');
    expect(sheet.tables[0].rows[1][col('partnerPhone')]).toBe('');
    expect(sheet.lines[1].text).toContain('3 missing key data elements are marked in yellow with a note');
  });

  it('names what was asked and answers no records in words, with the explanation still there', () => {
    expect(askedWords({ from: '2026-11-01', sku: 'ROM-1', lots: ['A', 'B'] })).toBe('from 2026-11-01, item ROM-1, lots A, B');
    expect(missingHeader('tlcSourceRef')).toBe('TLC source reference');
    const sheet = fsma204Sheet([], { to: '2026-11-30', lots: [] }, NOW, false);
    expect(sheet.tables).toHaveLength(1);
    expect(sheet.tables[0].columns.map((c) => c.header)).toEqual(['Column', 'What it holds']);
    expect(sheet.lines[1].text).toBe('No receiving, shipping or transformation events in what was asked.');
  });
});
