/**
 * The sheets a clerk starts from, one for every kind the pane reads: the right headers (names
 * the pane maps without help), identifier columns formatted as Text before anyone pastes (so
 * 000123 stays 000123), dates as dates, drop-down lists for the type and the locations, and a
 * hint line above the table.
 */
import type { SheetKind } from '../../shared/columns';
import type { Item, Location, MovementType } from '../../shared/rows';
import type { SheetTemplate } from '../workbook/port';

export type TemplateKind = 'receiving' | 'shipping' | 'transfers' | 'production' | 'items' | 'locations' | 'parties';

export const TEMPLATE_KINDS: readonly TemplateKind[] = ['receiving', 'shipping', 'transfers', 'production', 'items', 'locations', 'parties'];

/** A work order's sheet: its inputs (consume, from a location) and outputs (produce, into one), one row each. */
export const PRODUCTION_HEADERS = ['Date', 'Work order', 'Type', 'Item code', 'Lot #', 'Serial No.', 'Exp. date', 'Qty', 'Location', 'Note'];

/** What the pane checks a template's sheet as, and the type its rows default to. */
export const TEMPLATE_SHEET: Record<TemplateKind, { kind: SheetKind; type?: MovementType; label: string }> = {
  receiving: { kind: 'movements', type: 'receive', label: 'Receiving' },
  shipping: { kind: 'movements', type: 'ship', label: 'Shipping' },
  transfers: { kind: 'movements', type: 'transfer', label: 'Transfers' },
  // Each row says consume or produce: no type for the rows to default to.
  production: { kind: 'movements', label: 'Production' },
  items: { kind: 'items', label: 'Items' },
  locations: { kind: 'locations', label: 'Locations' },
  parties: { kind: 'parties', label: 'Parties' },
};

/** A template and the drop-down lists of its columns (values offered below the header). */
export interface TemplateLayout {
  sheet: SheetTemplate;
  lists: { col: number; values: string[] }[];
}

interface Spec {
  hint: string;
  headers: string[];
  text: string[];
  dates: string[];
  /** Column → the values offered; empty lists are left out. */
  lists: Record<string, string[]>;
}

const YES_NO = ['yes', 'no'];

/** The location description FSMA 204 records print (21 CFR 1.1310), as locations and parties write it. */
const DESCRIPTION = ['GLN', 'Phone', 'Address', 'City', 'State', 'ZIP code', 'Country'];

function specOf(kind: TemplateKind, items: readonly Item[], locations: readonly Location[]): Spec {
  const skus = items.map((i) => i.sku);
  const codes = locations.map((l) => l.code);
  switch (kind) {
    case 'receiving': return {
      hint: 'Receiving: one row per lot or serial received (or a scan in Scan). Type stays receive (return for goods sent back); TLC source: where the lot code was assigned, if not the supplier; Ref type: PO, BOL, ASN, INV … Then press Check sheet.',
      headers: ['Type', 'Date', 'PO #', 'Supplier', 'Item code', 'Lot #', 'Serial No.', 'Exp. date', 'Qty', 'Location', 'Scan', 'TLC source', 'TLC source ref', 'Ref type', 'Note'],
      text: ['PO #', 'Item code', 'Lot #', 'Serial No.', 'Location', 'Scan', 'TLC source ref'], dates: ['Date', 'Exp. date'],
      lists: { Type: ['receive', 'return'], 'Item code': skus, Location: codes },
    };
    case 'shipping': return {
      hint: 'Shipping: one row per lot or serial shipped, Location is where it leaves from (scrap for goods thrown away); then press Check sheet.',
      headers: ['Type', 'Date', 'SO #', 'Customer', 'Item code', 'Lot #', 'Serial No.', 'Qty', 'Location', 'Note'],
      text: ['SO #', 'Item code', 'Lot #', 'Serial No.', 'Location'], dates: ['Date'],
      lists: { Type: ['ship', 'scrap'], 'Item code': skus, Location: codes },
    };
    case 'transfers': return {
      hint: 'Transfers: one row per lot or serial moved From one location To another; then press Check sheet.',
      headers: ['Type', 'Date', 'Item code', 'Lot #', 'Serial No.', 'Qty', 'From', 'To', 'Note'],
      text: ['Item code', 'Lot #', 'Serial No.', 'From', 'To'], dates: ['Date'],
      lists: { Type: ['transfer'], 'Item code': skus, From: codes, To: codes },
    };
    case 'production': return {
      hint: 'Production: one work order per Work order value. consume rows for the input lots (Location: where they are taken from), produce rows for the output lots (Location: where they go, with their expiry); then press Check sheet.',
      headers: PRODUCTION_HEADERS,
      text: ['Work order', 'Item code', 'Lot #', 'Serial No.', 'Location'], dates: ['Date', 'Exp. date'],
      lists: { Type: ['consume', 'produce'], 'Item code': skus, Location: codes },
    };
    case 'items': return {
      hint: 'Items: one row per item code; yes or no for the tracking columns; unit as a UN/ECE code (EA, CS, KGM …) or a word (each, case, kg). An admin checks it as Items (item master) and saves it.',
      headers: ['SKU', 'Name', 'Unit', 'Lot tracked', 'Serial tracked', 'Requires expiry', 'GTIN', 'Brand', 'Commodity', 'Variety', 'Pack size', 'Pack style'],
      text: ['SKU', 'GTIN'], dates: [],
      lists: { 'Lot tracked': YES_NO, 'Serial tracked': YES_NO, 'Requires expiry': YES_NO },
    };
    case 'locations': return {
      hint: 'Locations: one row per location code (bins such as 0102 stay as typed), with the business name and address FSMA 204 records print. An admin checks it as Locations and saves it.',
      headers: ['Code', 'Name', 'Business name', ...DESCRIPTION], text: ['Code', 'GLN', 'Phone', 'ZIP code'], dates: [], lists: {},
    };
    case 'parties': return {
      hint: 'Parties: one row per supplier or customer, named as receiving and shipping sheets name them, with the address FSMA 204 records print. An admin checks it as Parties and saves it.',
      headers: ['Name', 'Kind', 'FFRN', ...DESCRIPTION], text: ['FFRN', 'GLN', 'Phone', 'ZIP code'], dates: [],
      lists: { Kind: ['supplier', 'customer', 'both'] },
    };
  }
}

/**
 * The layout of a template sheet; item codes and locations offered are the ledger's.
 * @example templateLayout('receiving', [], []).sheet.textColumns // [2, 4, 5, 6, 9]
 */
export function templateLayout(kind: TemplateKind, items: readonly Item[], locations: readonly Location[]): TemplateLayout {
  const spec = specOf(kind, items, locations);
  const col = (h: string) => spec.headers.indexOf(h);
  return {
    sheet: { name: TEMPLATE_SHEET[kind].label, hint: spec.hint, headers: spec.headers, textColumns: spec.text.map(col), dateColumns: spec.dates.map(col) },
    lists: Object.entries(spec.lists).filter(([, v]) => v.length > 0).map(([h, values]) => ({ col: col(h), values })),
  };
}
