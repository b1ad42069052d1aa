/**
 * A report sheet's record as stored: JSON, checked when read back (a workbook may have been
 * edited by anything), and cut into pieces for Excel's worksheet custom properties, whose
 * values are kept to 255 characters outside Excel on the web.
 */
import type { ReportRecord } from './port';

export const RECORD_KEY = 'LotLedger.Report';
const PIECE = 255;

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

/** The custom properties holding a record: `LotLedger.Report.0`, `.1`, … */
export function recordProperties(record: ReportRecord): { key: string; value: string }[] {
  const json = JSON.stringify(record);
  const out: { key: string; value: string }[] = [];
  for (let i = 0; i * PIECE < json.length; i++) out.push({ key: `${RECORD_KEY}.${i}`, value: json.slice(i * PIECE, (i + 1) * PIECE) });
  return out;
}

export const isRecordKey = (key: string): boolean => key.startsWith(`${RECORD_KEY}.`);

/** The record the properties of a sheet hold, or null. */
export function recordOf(props: readonly { key: string; value: unknown }[]): ReportRecord | null {
  const pieces = props.filter((p) => isRecordKey(p.key))
    .map((p) => ({ i: Number(p.key.slice(RECORD_KEY.length + 1)), v: String(p.value) }))
    .filter((p) => Number.isInteger(p.i))
    .sort((a, b) => a.i - b.i);
  if (pieces.length === 0 || pieces.some((p, i) => p.i !== i)) return null;
  return parseRecord(pieces.map((p) => p.v).join(''));
}
