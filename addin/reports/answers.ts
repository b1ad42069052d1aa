/** The report answers of API.md "Trace and reports", as the pane reads them. */

export interface Movement {
  id: number;
  batchId: string;
  type: string;
  date: string;
  sku: string;
  lot: string | null;
  serial: string | null;
  qty: number;
  from: string | null;
  to: string | null;
  party: string | null;
  ref: string | null;
  note: string | null;
  postedAt: string;
  postedBy: string;
  voidedBy: string | null;
  reverses: number | null;
}

export interface CustomerExposure {
  party: string;
  shipped: number;
  returned: number;
  qty: number;
  refs: string[];
  lastShipped: string | null;
}

export interface LotTraceAnswer {
  lot: { sku: string; lot: string; expiry: string | null; firstReceived: string };
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
  lots?: { lot: string; expiry: string | null; firstReceived: string }[];
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
