/**
 * The FSMA 204 record as a sheet: the "electronic sortable spreadsheet" of 21 CFR 1.1455(c) as an
 * Excel table, an explanation block below it (what each column means and the coding systems
 * used), and every key data element the ledger does not know marked in its cell with a note
 * naming it — never a blank cell without a word.
 */
import { FSMA204_COLUMNS, type Fsma204Record } from '../../shared/fsma204';
import type { CellMark, ReportColumnKind, ReportSheet } from '../workbook/port';
import { reportCell } from './cells';
import { pulledAt } from './layout';
import { lotList } from './recall';

/** What an FSMA 204 pull asks for: a date window, lots, or both; an item narrows either. */
export interface Fsma204Asked {
  from?: string;
  to?: string;
  sku?: string;
  lots: readonly string[];
}

/** Columns written as Text that are codes (a ZIP code keeps its zeros), dates, numbers; the rest free text. */
const KIND: Partial<Record<keyof Fsma204Record, ReportColumnKind>> = {
  date: 'date', qty: 'number', movementId: 'number',
  tlc: 'id', sku: 'id', unit: 'id', tlcSourceRef: 'id', ref: 'id', batchId: 'id',
  partnerPostalCode: 'id', locationPostalCode: 'id', tlcSourcePostalCode: 'id',
  partnerPhone: 'id', locationPhone: 'id', tlcSourcePhone: 'id',
};

const HEADER = new Map<string, string>(FSMA204_COLUMNS.map((c) => [c.key, c.header]));
const COLUMN = new Map<string, number>(FSMA204_COLUMNS.map((c, i) => [c.key, i]));

/**
 * A missing key data element by its column's plain English name.
 * @example missingHeader('partnerPhone') // 'Previous source or recipient phone'
 */
export const missingHeader = (key: string): string => HEADER.get(key) ?? key;

/** The coding systems the records use (1.1455(c)(1): the records come with what explains them). */
export const CODING_SYSTEMS: readonly string[] = [
  'Critical tracking events: receiving (21 CFR 1.1345; receipts and customer returns), shipping (1.1340), transformation (1.1350; the inputs and outputs of one work order).',
  'Dates: the day of the event, YYYY-MM-DD (ISO 8601).',
  'Units of measure: UN/ECE Recommendation 20 and 21 codes (EA each, CS case, BX box, BG bag, KGM kilogram, LBR pound, PK pack, CT carton).',
  'GLN: GS1 Global Location Number, 13 digits, the last a check digit. FFRN: FDA Food Facility Registration Number, 11 digits.',
  'Reference document types: PO purchase order, BOL bill of lading, ASN advance ship notice, INV invoice, WO work order, RMA return authorisation.',
  'Traceability lot code (TLC): the lot code as received or produced. TLC source: where the lot code was assigned; its reference is a GLN, an FFRN or a web address.',
  'A yellow cell with a note is a key data element LotLedger does not know; the column "Missing key data elements" lists them per record. Describe the party, location or item on a Parties, Locations or Items sheet, save it, and pull the record again.',
];

/** What to do about one missing element, in the words of the record it is missing from. */
function fixFor(key: string, r: Fsma204Record): string {
  if (key.startsWith('partner')) return `Describe ${r.partnerName ?? 'the party'} on a Parties sheet (or name the party on the ${r.cte} row).`;
  if (key.startsWith('location')) return 'Describe the location on a Locations sheet (business name and address).';
  if (key.startsWith('tlcSource')) return `Give the TLC source reference (GLN, FFRN or web address) on the receiving row, or describe ${r.tlcSourceName ?? 'the TLC source'} as a party or location.`;
  if (key === 'tlc') return 'The row has no lot code: the item is not lot-tracked.';
  if (key === 'ref') return 'The row names no reference document.';
  return `Describe item ${r.sku} on an Items sheet.`;
}

/** The note of a missing element's cell: which element, what it is, what to do. */
function noteFor(key: string, r: Fsma204Record): string {
  const c = FSMA204_COLUMNS[COLUMN.get(key)!];
  return `Missing key data element: ${c.header} (${c.explains}). ${fixFor(key, r)}`;
}

/** Sheet rows of the layout: title, summary, then the table's header. */
const TABLE_TOP = 2;

/**
 * "2026-11-01 to 2026-11-30, item ROM-1, lots L1, L2": what was asked, for the title.
 * @example askedWords({ from: '2026-11-01', to: '2026-11-30', lots: [] }) // '2026-11-01 to 2026-11-30'
 */
export function askedWords(q: Fsma204Asked): string {
  const parts: string[] = [];
  if (q.from || q.to) parts.push(q.from && q.to ? `${q.from} to ${q.to}` : q.from ? `from ${q.from}` : `to ${q.to}`);
  if (q.sku) parts.push(`item ${q.sku}`);
  if (q.lots.length) parts.push(`${q.lots.length === 1 ? 'lot' : 'lots'} ${lotList(q.lots)}`);
  return parts.join(', ');
}

/**
 * The FSMA 204 record sheet with its marks: each missing key data element's cell, noted.
 * @example fsma204Sheet([], { lots: ['L1'] }, new Date(), false).name // 'FSMA 204 L1'
 */
export function fsma204Sheet(records: readonly Fsma204Record[], q: Fsma204Asked, now: Date, date1904: boolean): ReportSheet & { marks: CellMark[] } {
  const missing = records.reduce((n, r) => n + r.missing.length, 0);
  // No records, no table: Excel has no table of a header alone. The explanation follows either way.
  const explainTop = records.length === 0 ? TABLE_TOP + 1 : TABLE_TOP + records.length + 3;
  const rows = records.map((r) => FSMA204_COLUMNS.map(({ key }) => {
    const kind = KIND[key] ?? 'text';
    return reportCell(kind, key === 'missing' ? r.missing.map(missingHeader).join('; ') : r[key] as string | number | null, date1904);
  }));
  const marks: CellMark[] = records.flatMap((r, i) => r.missing.filter((k) => COLUMN.has(k)).map((k) => ({
    row: TABLE_TOP + 1 + i, col: COLUMN.get(k)!, severity: 'warning' as const, note: noteFor(k, r),
  })));
  const summary = records.length === 0 ? 'No receiving, shipping or transformation events in what was asked.'
    : `${records.length} ${records.length === 1 ? 'record' : 'records'}, one per critical tracking event row; ${missing === 0 ? 'no key data element is missing' : `${missing} missing key data ${missing === 1 ? 'element is' : 'elements are'} marked in yellow with a note`}. What each column means: from row ${explainTop + 1}. Sort and filter with the header's buttons.`;
  const codingTop = explainTop + FSMA204_COLUMNS.length + 3;
  const name = q.lots.length === 1 && !q.from && !q.to ? `FSMA 204 ${q.lots[0]}` : `FSMA 204 ${q.from ?? ''}${q.to ? ` ${q.to}` : ''}`.trim();
  return {
    name,
    lines: [
      { row: 0, text: `FSMA 204 records (21 CFR 1.1455 electronic sortable spreadsheet) · ${askedWords(q)} · ${pulledAt(now)}`, style: 'title' },
      { row: 1, text: summary, style: 'plain' },
      { row: explainTop, text: 'What each column means', style: 'heading' },
      { row: codingTop, text: 'Coding systems used', style: 'heading' },
      ...CODING_SYSTEMS.map((text, i) => ({ row: codingTop + 1 + i, text, style: 'plain' as const })),
    ],
    tables: [
      ...(records.length === 0 ? [] : [{ top: TABLE_TOP, columns: FSMA204_COLUMNS.map(({ key, header }) => ({ header, kind: KIND[key] ?? 'text' })), rows }]),
      {
        top: explainTop + 1,
        columns: [{ header: 'Column', kind: 'text' }, { header: 'What it holds', kind: 'text' }],
        rows: FSMA204_COLUMNS.map((c) => [reportCell('text', c.header, date1904), reportCell('text', c.explains, date1904)]),
      },
    ],
    freezeRows: TABLE_TOP + 1,
    marks,
  };
}
