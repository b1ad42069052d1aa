import { Hono } from 'hono';
import { requireRole } from '../auth/roles';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import type { CsvColumn } from '../ledger/csv';
import { epcisExport, fsma204 } from '../ledger/exports/compliance';
import { FSMA204_COLUMNS, type Fsma204Record } from '../ledger/exports/fsma204';
import type { MovementQuery } from '../ledger/reports/movements';
import { answer, optionalDate, optionalText, texts, wantsCsv } from './report-query';
import type { Context } from 'hono';

/** Lots one export may name (each is a bound SQL parameter). */
const MAX_EXPORT_LOTS = 500;

// The "electronic sortable spreadsheet": plain English headers; missing elements by their header.
const HEADER_OF = new Map(FSMA204_COLUMNS.map((c) => [c.key as string, c.header]));
const FSMA_CSV: CsvColumn<Fsma204Record>[] = FSMA204_COLUMNS.map(({ key, header }) => ({
  header,
  value: (r: Fsma204Record) => (key === 'missing' ? r.missing.map((m) => HEADER_OF.get(m) ?? m).join('; ') : r[key] as string | number | null),
}));

/** A window (from, to) or lots, at least one; sku narrows either. */
function exportQuery(c: Context): MovementQuery {
  const q = { from: optionalDate(c, 'from'), to: optionalDate(c, 'to'), sku: optionalText(c, 'sku'), lots: texts(c, 'lot') };
  if (q.from === undefined && q.to === undefined && q.lots.length === 0) {
    throw new ApiError('invalid_query', 'Name a date window (from=, to=) or lots (lot=, repeat it for several), or both.');
  }
  if (q.from && q.to && q.from > q.to) throw new ApiError('invalid_query', `The window is empty: from ${q.from} is after to ${q.to}.`);
  if (q.lots.length > MAX_EXPORT_LOTS) throw new ApiError('invalid_query', `An export names at most ${MAX_EXPORT_LOTS} lots.`);
  return q;
}

/**
 * The compliance exports (docs/API.md "Compliance exports"): the FSMA 204 records, JSON or CSV,
 * and the EPCIS 2.0 document. `now` stamps the document's creation.
 */
export function exportRoutesAt(now: () => Date): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get('/reports/fsma204', requireRole('viewer'), async (c) => {
    const csvWanted = wantsCsv(c);
    const records = await fsma204(c.var.store, c.var.auth.workspaceId, exportQuery(c));
    return answer(c, { records }, FSMA_CSV, records, csvWanted);
  });
  r.get('/export/epcis', requireRole('viewer'), async (c) => {
    const doc = await epcisExport(c.var.store, c.var.auth, exportQuery(c), now());
    return c.body(JSON.stringify(doc), 200, { 'Content-Type': 'application/ld+json; charset=utf-8' });
  });
  return r;
}
