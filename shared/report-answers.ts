/**
 * The report answers of docs/API.md "Trace and reports": what the server sends and the pane reads.
 */
import type { MovementType } from './rows';
import type { DerivedLot, LinkedLot, Warranty } from './recall-answers';

export interface Movement {
  id: number;
  batchId: string;
  type: MovementType;
  date: string;
  sku: string;
  lot: string | null;
  serial: string | null;
  /** Always positive; the direction is given by `from` and `to`. */
  qty: number;
  from: string | null;
  to: string | null;
  party: string | null;
  ref: string | null;
  note: string | null;
  postedAt: string;
  postedBy: string;
  /** The batch that voided this movement's batch, else null. */
  voidedBy: string | null;
  /** The movement this reversal undoes, else null. */
  reverses: number | null;
}

export interface CustomerExposure {
  party: string;
  shipped: number;
  returned: number;
  /** shipped − returned: what the customer still holds. */
  qty: number;
  /** Order numbers of the shipments, in shipping order. */
  refs: string[];
  lastShipped: string | null;
}

/** GET /v1/trace/lot */
export interface LotTraceAnswer {
  lot: { sku: string; lot: string; expiry: string | null; firstReceived: string | null; held: boolean };
  onHand: { location: string; qty: number }[];
  /** Receive movements: back to the supplier (`party`) and purchase order (`ref`). */
  receipts: Movement[];
  /** Ship movements: forward to each customer (`party`) and order (`ref`). */
  shipments: Movement[];
  returns: Movement[];
  /**
   * Shipments netted against returns per customer (voided movements and reversals count in no
   * total); this server adds it to docs/API.md's fields.
   */
  customers: CustomerExposure[];
  /** The inputs of the transformations that produced the lot, each with the quantity consumed. */
  madeFrom: LinkedLot[];
  /** The outputs made from the lot, each with the quantity produced. */
  usedIn: LinkedLot[];
  /** Every movement of the lot in posting order, voided ones and reversals included. */
  movements: Movement[];
}

/** Where a serialised unit is. */
export type UnitState = 'in_stock' | 'shipped' | 'scrapped';

/** GET /v1/trace/serial */
export interface SerialTraceAnswer {
  unit: {
    sku: string;
    serial: string;
    lot: string | null;
    /** Null when the ledger holds no unit for the serial: its receipt was voided. */
    state: UnitState | null;
    location: string | null;
    party: string | null;
  };
  /** Null when the item has no warranty or the unit was never shipped. */
  warranty: Warranty | null;
  movements: Movement[];
}

/** A customer of a recall: its totals over the recalled and derived lots, and what it still holds of each. */
export interface RecallCustomer extends CustomerExposure {
  lots: { sku: string; lot: string; qty: number }[];
}

/** GET /v1/reports/recall */
export interface RecallAnswer {
  sku: string;
  lots: { lot: string; expiry: string | null; firstReceived: string | null }[];
  /** Every lot made, directly or not, from a recalled lot (any item), with the work order that made it. */
  derived: DerivedLot[];
  /** Who still holds the recalled and derived lots: shipped − returned per customer, with their orders. */
  customers: RecallCustomer[];
  /** What is still on our shelves, by location and lot; `held` when the lot is on hold. */
  onHand: { sku: string; location: string; lot: string; qty: number; held: boolean }[];
  /** The serial units of the lots, wherever they are now; `held` when the unit or its lot is. */
  units: { sku: string; serial: string; lot: string | null; state: UnitState; location: string | null; party: string | null; held: boolean }[];
}

/** A lot with stock at one location, in the expiring report. */
export interface ExpiringLot {
  sku: string;
  lot: string;
  expiry: string;
  /** Days from today (UTC) to the expiry date: 0 expires today, negative is past. */
  daysLeft: number;
  /** The expiry date is before today. */
  expired: boolean;
  location: string;
  qty: number;
  /** The lot is on hold. */
  held: boolean;
}

/** GET /v1/reports/expiring */
export interface ExpiringAnswer {
  today: string;
  days: number;
  lots: ExpiringLot[];
}

/** One row of the on-hand report. */
export interface OnHandRow {
  sku: string;
  lot: string | null;
  /** Set for serial-tracked items: one row per unit, qty 1. */
  serial: string | null;
  location: string;
  qty: number;
  /** On hold: the lot, or for a unit the unit or its lot. */
  held: boolean;
}

/** GET /v1/reports/on-hand */
export interface OnHandAnswer {
  asOf: string;
  rows: OnHandRow[];
}

export interface MovementsPage {
  movements: Movement[];
  nextCursor: string | null;
}

/** Whether a movement counts in totals: neither voided nor a reversal (docs/API.md). */
export const counts = (m: Movement): boolean => m.voidedBy === null && m.reverses === null;
