/**
 * POST /v1/lookup (docs/API.md "Lookups for many cells at once"): what many spreadsheet cells
 * ask at once, and the answers, each list in the order asked. Declared once for the server,
 * the pane's cell functions and the tests.
 */
import type { UnitState } from './report-answers';

/** Stock of an item, of one lot of it and/or at one location. */
export interface OnHandKey { sku: string; lot?: string; location?: string }
/** A lot of an item. */
export interface LotKey { sku: string; lot: string }
/** A serial unit, of one item when `sku` is given. */
export interface SerialKey { serial: string; sku?: string }

export interface LookupRequest {
  onHand?: OnHandKey[];
  lots?: LotKey[];
  serials?: SerialKey[];
}

/** Entries one request may hold in all its lists; more answers 413 `too_large`. */
export const MAX_LOOKUP_ENTRIES = 10_000;

/** `found: false` (with qty 0) when the SKU, lot or location is not known. */
export interface OnHandFound { qty: number; found: boolean }

export interface LotFound {
  /** YYYY-MM-DD, or null when the lot has none (or is not found). */
  expiry: string | null;
  /** Whether an active hold is on the lot. */
  held: boolean;
  /** What is on hand of it, all locations. */
  onHand: number;
  found: boolean;
}

export interface SerialFound {
  state: UnitState | null;
  /** Its location code when in stock. */
  location: string | null;
  /** The customer when shipped. */
  party: string | null;
  lot: string | null;
  sku: string | null;
  found: boolean;
}

export interface LookupAnswer {
  onHand: OnHandFound[];
  lots: LotFound[];
  serials: SerialFound[];
}
