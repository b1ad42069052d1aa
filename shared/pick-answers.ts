/**
 * The request and answer of docs/API.md "Pick lists": declared once, for the server that
 * answers, the pane that asks, and the tests.
 */

/** One order line: what to pick. `party` and `ref` (customer, order) ride along for the caller. */
export interface PickListLine {
  sku: string;
  qty: number;
  party?: string;
  ref?: string;
}

/** POST /v1/pick-lists. */
export interface PickListRequest {
  lines: PickListLine[];
  /** Location codes to pick from; absent: every location that is not a quarantine. */
  from?: string[];
  /** Days of shelf life a picked lot must still have on `date`. */
  minShelfLifeDays?: number;
  /** The day of the pick, YYYY-MM-DD; absent: today (UTC). */
  date?: string;
}

/** One pick: take `qty` of this lot (or unit) from this location. */
export interface Pick {
  lot: string | null;
  serial: string | null;
  location: string;
  qty: number;
  expiry: string | null;
}

/** What a line got: `short` is what could not be allocated (0 when complete). */
export interface PickedLine {
  /** The 0-based index of the request line. */
  line: number;
  sku: string;
  qty: number;
  picks: Pick[];
  short: number;
}

/** 200 from POST /v1/pick-lists. Nothing is stored or reserved. */
export interface PickListAnswer {
  lines: PickedLine[];
}
