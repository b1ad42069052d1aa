/**
 * Problem codes (docs/API.md "Problem codes") and request-level error codes.
 * A problem points at one field of one submitted row; an error answers a whole request.
 */

export const PROBLEM_CODES = [
  'required', 'invalid', 'unknown_item', 'unknown_location', 'qty_must_be_one', 'not_tracked',
  'gtin_check_digit', 'gs1_mismatch', 'date_in_future', 'expired', 'expiry_conflict',
  'duplicate_serial', 'serial_exists', 'serial_not_at_location', 'serial_not_shipped',
  'insufficient_stock', 'same_location',
  'lot_on_hold', 'no_inputs', 'lot_exists', 'return_exceeds_shipped', 'serial_not_with_party',
  'possible_duplicate',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export type Severity = 'error' | 'warning';

export interface Problem {
  /** 0-based index into the submitted rows. */
  row: number;
  /** The field the clerk must change. */
  field: string;
  code: ProblemCode;
  severity: Severity;
  /** A sentence a clerk can act on. */
  message: string;
  /** `possible_duplicate`: the earlier batch the row repeats. */
  batchId?: string;
}

/** Codes of whole-request errors: `{"error": {"code", "message"}}`. */
export const ERROR_CODES = [
  'invalid_json', 'invalid_request', 'invalid_rows', 'invalid_query', 'unauthorized', 'forbidden',
  'not_found', 'too_large', 'idempotency_conflict', 'idempotency_in_progress', 'void_blocked',
  'already_voided', 'tracking_locked', 'ambiguous_serial', 'rate_limited', 'conflict',
  'unsupported_media_type',
  // the server's own faults: a deployment without its database, and a bug (never client input)
  'not_configured', 'internal',
  // another process holds the database's write lock (503, Retry-After)
  'busy',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const problem = (
  row: number, field: string, code: ProblemCode, message: string, severity: Severity = 'error',
): Problem => ({ row, field, code, severity, message });

export const hasErrors = (problems: readonly Problem[]): boolean =>
  problems.some((p) => p.severity === 'error');
