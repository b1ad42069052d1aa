import type { Context } from 'hono';
import { ApiError } from '../errors';
import { csv, CSV_CONTENT_TYPE, type CsvColumn } from '../ledger/csv';

/**
 * Reading the query parameters of traces and reports: every bad one is a 400
 * `invalid_query` that names it, before any ledger work is done.
 */

const bad = (message: string) => new ApiError('invalid_query', message);

/** A text parameter (trimmed, in Unicode NFC like every stored identifier); absent or blank → undefined. */
export function optionalText(c: Context, name: string): string | undefined {
  const raw = c.req.query(name);
  if (raw === undefined) return undefined;
  const value = raw.trim().normalize('NFC');
  if (value === '') return undefined;
  if (value.length > 200) throw bad(`Query parameter ${name} is longer than 200 characters.`);
  return value;
}

/** A text parameter that must be given. */
export function requiredText(c: Context, name: string): string {
  const value = optionalText(c, name);
  if (value === undefined) throw bad(`Query parameter ${name} is required.`);
  return value;
}

/** All values of a repeatable text parameter (`lot=A&lot=B`), blanks dropped. */
export function texts(c: Context, name: string): string[] {
  const values = (c.req.queries(name) ?? []).map((v) => v.trim().normalize('NFC')).filter((v) => v !== '');
  for (const v of values) if (v.length > 200) throw bad(`Query parameter ${name} is longer than 200 characters.`);
  return values;
}

/** An ISO calendar date `YYYY-MM-DD` (a real day), or undefined when absent. */
export function optionalDate(c: Context, name: string): string | undefined {
  const value = optionalText(c, name);
  if (value === undefined) return undefined;
  const time = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  // Date.parse rolls 2026-02-30 over to March; reading the day back catches it.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    throw bad(`Query parameter ${name} must be a date written YYYY-MM-DD, not "${value}".`);
  }
  return value;
}

/** A whole number within bounds, or the default when absent. */
export function integer(c: Context, name: string, min: number, max: number, fallback: number): number {
  const value = optionalText(c, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw bad(`Query parameter ${name} must be a whole number from ${min} to ${max}, not "${value}".`);
  }
  return Number(value);
}

/** Whether the caller asked for CSV (`?format=csv`); JSON is the default. */
export function wantsCsv(c: Context): boolean {
  const format = optionalText(c, 'format')?.toLowerCase();
  if (format === undefined || format === 'json') return false;
  if (format === 'csv') return true;
  throw bad(`Query parameter format must be json or csv, not "${format}".`);
}

/** The JSON answer, or its main list as CSV when asked. */
export function answer<T>(c: Context, body: object, columns: readonly CsvColumn<T>[], records: readonly T[], csvWanted: boolean): Response {
  if (!csvWanted) return c.json(body);
  return c.body(csv(columns, records), 200, { 'Content-Type': CSV_CONTENT_TYPE });
}
