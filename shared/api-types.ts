/**
 * The requests and answers of docs/API.md besides the reports (those are in report-answers.ts):
 * declared once, for the server that sends them, the pane's client that reads them, and the tests.
 */
import type { Problem } from './problems';
import type { Movement } from './report-answers';
import type { Item, Location, RawRow } from './rows';
import type { Party } from './parties';

/** What a token may do: read; also post and void; also manage master data and tokens. */
export type Role = 'viewer' | 'clerk' | 'admin';

/** GET /v1/me: the token's workspace and role. */
export interface Me { workspace: string; role: Role; tokenName: string }

/** Where a batch's rows came from; each part null when not known. */
export interface BatchSource { workbook: string | null; sheet: string | null; range: string | null }

/** The rows of a batch and where they came from. */
export interface BatchBody { rows: RawRow[]; source?: BatchSource | null }

/**
 * POST /v1/batches: a dry run checks the rows and stores nothing; `duplicatesConfirmed` posts
 * rows that repeat an earlier batch (docs/API.md "Duplicate protection").
 */
export interface BatchRequest extends BatchBody { dryRun?: boolean; duplicatesConfirmed?: boolean }

/** 201 from POST /v1/batches; `replayed` on the answer to a repeated Idempotency-Key. */
export interface Posted { batchId: string; posted: number; warnings: Problem[]; replayed?: boolean }

/** 200 from a dry run of POST /v1/batches. */
export interface DryRun { ok: boolean; problems: Problem[] }

/** One posted batch as GET /v1/batches lists it. */
export interface BatchSummary {
  batchId: string;
  postedAt: string;
  postedBy: string;
  rows: number;
  source: BatchSource | null;
  voidedBy: string | null;
  /** On a reversing batch: the batch it voids, and why. */
  voids: string | null;
  reason: string | null;
}

/** GET /v1/batches */
export interface BatchList { batches: BatchSummary[] }

/** GET /v1/batches/{id}: the batch with its movements in row order. */
export type BatchDetail = BatchSummary & { movements: Movement[] };

/** POST /v1/batches/{id}/void: the reversing batch. */
export interface Voided { batchId: string }

/** GET and POST /v1/items */
export interface ItemList { items: Item[] }
/** GET and POST /v1/locations */
export interface LocationList { locations: Location[] }
/** GET /v1/parties */
export interface PartyList { parties: Party[] }
/** POST /v1/items, /v1/locations and /v1/parties: how many were inserted or updated. */
export interface Upserted { upserted: number }

/** A live token, never its secret. */
export interface TokenInfo { name: string; role: Role; createdAt: string }
/** 201 from POST /v1/tokens: the secret, shown this once. */
export interface TokenCreated { token: string; name: string; role: Role }
/** GET /v1/tokens */
export interface TokenList { tokens: TokenInfo[] }
/** DELETE /v1/tokens/{name} */
export interface Revoked { revoked: string }
