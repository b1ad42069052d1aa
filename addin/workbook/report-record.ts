/**
 * A report sheet's record as stored: JSON under one key (a worksheet custom property in Excel),
 * checked when read back — a workbook may have been edited by anything.
 */
import type { ReportRecord } from './port';

/** The key of the record (worksheet custom property keys are case-insensitive). */
export const RECORD_KEY = 'LotLedger.Report';

const isRun = (r: unknown): boolean => {
  const x = r as Record<string, unknown>;
  return typeof x === 'object' && x !== null && [x.top, x.rows, x.cols].every((n) => Number.isInteger(n) && (n as number) >= 0);
};

/** The record of stored JSON, or null when it is not one. */
export function parseRecord(json: string): ReportRecord | null {
  try {
    const r = JSON.parse(json) as ReportRecord;
    const ok = typeof r?.query?.kind === 'string' && typeof r.query.params === 'object' && r.query.params !== null
      && Array.isArray(r.footprint) && r.footprint.every(isRun);
    return ok ? r : null;
  } catch {
    return null;
  }
}

export const isRecordKey = (key: string): boolean => key.toLowerCase() === RECORD_KEY.toLowerCase();

/** The record among a sheet's custom properties, or null. */
export function recordOf(props: readonly { key: string; value: unknown }[]): ReportRecord | null {
  const p = props.find((x) => isRecordKey(x.key));
  return p ? parseRecord(String(p.value)) : null;
}
