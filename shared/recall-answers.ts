/**
 * The requests and answers of docs/API.md "Holds", "Transformation" and "Returns and warranty":
 * declared once, for the server that sends them, the pane that reads them, and the tests.
 */

/** POST /v1/holds and /v1/holds/release: lots or serial units of one item, with a reason. */
export interface HoldRequest {
  sku: string;
  lots?: string[];
  serials?: string[];
  reason: string;
}

/** 201 from POST /v1/holds: how many were newly held (one already held counts 0). */
export interface Held { held: number }

/** 200 from POST /v1/holds/release: how many holds were released. */
export interface Released { released: number }

/** One hold ever placed: on a lot (`serial` null) or on a unit (`lot` is the unit's lot, if any). */
export interface Hold {
  sku: string;
  lot: string | null;
  serial: string | null;
  reason: string;
  heldAt: string;
  heldBy: string;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseReason: string | null;
}

/** GET /v1/holds: newest first. */
export interface HoldList { holds: Hold[] }

/**
 * A lot (or unit) on the other side of a transformation: in `madeFrom` an input with the
 * quantity consumed, in `usedIn` an output with the quantity produced; `ref` is the work order.
 */
export interface LinkedLot {
  sku: string;
  lot: string | null;
  serial: string | null;
  qty: number;
  ref: string;
  date: string;
}

/** A lot made, directly or not, from a recalled lot; `via` is the work order that made it. */
export interface DerivedLot { sku: string; lot: string; depth: number; via: string }

export interface LotKey { sku: string; lot: string }

/** GET /v1/trace/genealogy: the family tree of a lot, up (inputs) or down (outputs). */
export interface GenealogyAnswer {
  nodes: (LotKey & { depth: number })[];
  edges: { from: LotKey; to: LotKey; ref: string; date: string }[];
}

/** `warranty` on GET /v1/trace/serial; null when the item has none or the unit was never shipped. */
export interface Warranty {
  /** The last shipment to a customer. */
  shippedOn: string;
  /** shippedOn + the item's warrantyDays. */
  until: string;
  /** Today (UTC) is on or before `until`. */
  active: boolean;
}
