/**
 * An error as it crosses from the post thread to the main thread: its name, message and codes,
 * made again on the other side as what it was, so a ledger refusal keeps its class (and the
 * answer its status) and a database failure keeps the codes app.ts reads (busy: 503).
 */
import { LedgerError } from '../ledger/errors';
import { ApiError } from '../errors';
import type { Problem } from '../../shared/problems';

/** An error as it crosses. */
export interface WireError {
  name: string;
  message: string;
  code?: unknown;
  extendedCode?: unknown;
  rawCode?: unknown;
  problems?: Problem[];
  headers?: Record<string, string>;
}

export function errorToWire(e: unknown): WireError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const { code, extendedCode, rawCode } = e as { code?: unknown; extendedCode?: unknown; rawCode?: unknown };
  const out: WireError = { name: e.name, message: e.message, code, extendedCode, rawCode };
  if (e instanceof LedgerError) out.problems = e.problems;
  if (e instanceof ApiError) out.headers = e.headers;
  return out;
}

export function errorFromWire(w: WireError): Error {
  if (w.name === 'ApiError') return new ApiError(w.code as never, w.message, w.problems, w.headers);
  if (w.name === 'LedgerError') return new LedgerError(w.code as never, w.message, w.problems);
  const Kind = w.name === 'SyntaxError' ? SyntaxError : w.name === 'RangeError' ? RangeError : w.name === 'TypeError' ? TypeError : Error;
  const e = new Kind(w.message);
  if (Kind === Error) e.name = w.name;
  return Object.assign(e, { code: w.code, extendedCode: w.extendedCode, rawCode: w.rawCode });
}
