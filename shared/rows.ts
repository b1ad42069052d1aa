/**
 * The plain data shapes shared by the pane and the server.
 * A `RawRow` is what a client sends (or what the pane read from a sheet);
 * a `CheckedRow` is the same row after the field rules, cleaned and typed.
 */

export const MOVEMENT_TYPES = ['receive', 'transfer', 'ship', 'return', 'scrap', 'adjust', 'consume', 'produce'] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

/** The fields a posted row may carry (docs/API.md "Row fields", plus `gs1`). */
export const ROW_FIELDS = [
  'type', 'date', 'sku', 'lot', 'serial', 'expiry', 'qty',
  'from', 'to', 'party', 'ref', 'note', 'gs1',
] as const;
export type RowField = (typeof ROW_FIELDS)[number];

/** A row as submitted: every field optional, strings or numbers as a sheet holds them. */
export type RawRow = Partial<Record<RowField, string | number | null>>;

/** A row that passed the field rules: identifiers cleaned, dates ISO, quantity in integer thousandths. */
export interface CheckedRow {
  type: MovementType;
  date: string;
  sku: string;
  lot: string | null;
  serial: string | null;
  expiry: string | null;
  /** Quantity in thousandths of the item's unit (exact, never a float). */
  qtyMilli: number;
  from: string | null;
  to: string | null;
  party: string | null;
  ref: string | null;
  note: string | null;
}

/** An item of the master data, as the API reads and writes it. */
export interface Item {
  sku: string;
  name: string;
  unit: string;
  lotTracked: boolean;
  serialTracked: boolean;
  requiresExpiry: boolean;
  gtin: string | null;
  /** Whole days of warranty from the last shipment to a customer; null or absent: none. */
  warrantyDays?: number | null;
}

export interface Location {
  code: string;
  name: string | null;
  /** Held stock may be moved here (docs/API.md "Holds"); the server always says, false by default. */
  quarantine?: boolean;
}

/** Quantities cross the wire as numbers and are stored as integer thousandths. */
export const toMilli = (qty: number): number => Math.round(qty * 1000);
export const fromMilli = (milli: number): number => milli / 1000;
