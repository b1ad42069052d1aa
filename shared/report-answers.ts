/**
 * The report answers of API.md "Trace and reports": what the server sends and the pane reads.
 */
import type { MovementType } from './rows';

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

export interface LotTraceAnswer {
  lot: { sku: string; lot: string; expiry: string | null; firstReceived: string | null };
  onHand: { location: string; qty: number }[];
  receipts: Movement[];
  shipments: Movement[];
  returns: Movement[];
  /** Shipped − returned per customer (this server adds it to API.md's fields). */
  customers?: CustomerExposure[];
  movements: Movement[];
}

export interface SerialTraceAnswer {
  unit: { sku: string; serial: string; lot: string | null; state: string | null; location: string | null; party: string | null };
  movements: Movement[];
}

export interface RecallAnswer {
  sku?: string;
  lots?: { lot: string; expiry: string | null; firstReceived: string | null }[];
  customers: CustomerExposure[];
  onHand: { location: string; lot: string; qty: number }[];
  units: { serial: string; lot: string | null; state: string; location: string | null; party: string | null }[];
}

export interface ExpiringAnswer {
  lots: { sku: string; lot: string; expiry: string; daysLeft: number; expired: boolean; location: string; qty: number }[];
}

export interface OnHandAnswer {
  asOf: string;
  rows: { sku: string; lot: string | null; serial: string | null; location: string; qty: number }[];
}

export interface MovementsPage {
  movements: Movement[];
  nextCursor: string | null;
}

/** Whether a movement counts in totals: neither voided nor a reversal (API.md). */
export const counts = (m: Movement): boolean => m.voidedBy === null && m.reverses === null;
