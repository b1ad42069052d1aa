/**
 * Every kind of report sheet the pane makes, by name: how its query is asked of the server and
 * laid out as a sheet. A pull and a Refresh go through here alike, so a sheet remembers only
 * its kind and parameters (a `ReportQuery`) and a new kind plugs in with `reportKind`.
 */
import type { ReportQuery, ReportSheet } from '../workbook/port';
import type { Movement } from '../../shared/report-answers';
import type { Hold, LotKey } from '../../shared/recall-answers';
import { genealogySheet, type Direction } from './genealogy';
import { fsma204Sheet, type Fsma204Asked } from './fsma204';
import { lotTraceSheet } from './lot-trace';
import { reportRequests, type ReportApi } from './queries';
import { recallSheet } from './recall';
import { serialHistorySheet } from './serial-history';
import { expiringSheet, movementsSheet, onHandSheet, type MovementsAsked, type OnHandAsked } from './stock';

/** Rows a sheet can hold under the title line and the header: Excel has 1,048,576. */
export const MAX_REPORT_ROWS = 1_048_576 - 2;

export interface MakeContext {
  now: Date;
  date1904: boolean;
  /** Says how far a long fetch has got (the movement record, page by page). */
  progress: (label: string) => void;
}

/** A sheet, and what the pane learned besides it: a recall's lots made from the recalled ones, what to say of it. */
export interface Made { sheet: ReportSheet; derived?: LotKey[]; said?: string }

/** Asks the server and lays out the sheet; or a sentence saying why there is nothing to pull. */
export type ReportMaker<P> = (api: ReportApi, params: P, ctx: MakeContext) => Promise<ReportSheet | Made | string>;

const kinds = new Map<string, ReportMaker<any>>(); // eslint-disable-line @typescript-eslint/no-explicit-any

/** Adds a kind of report sheet. @example reportKind('expiring', async (api, p: { days: number }, c) => …) */
export function reportKind<P>(kind: string, maker: ReportMaker<P>): void {
  kinds.set(kind, maker);
}

export const reportKindKnown = (kind: string): boolean => kinds.has(kind);

/** The sheet of a query. */
export async function makeReport(api: ReportApi, query: ReportQuery, ctx: MakeContext): Promise<Made | string> {
  const maker = kinds.get(query.kind);
  if (!maker) return `This pane does not know reports of kind “${query.kind}”; update the add-in.`;
  const made = await maker(api, query.params, ctx);
  return typeof made === 'string' || 'sheet' in made ? made : { sheet: made };
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;

reportKind('lotTrace', async (api, q: { sku: string; lot: string }, c) => lotTraceSheet(await reportRequests(api).lotTrace(q), c.now, c.date1904));
reportKind('serialTrace', async (api, q: { serial: string; sku?: string }, c) => serialHistorySheet(await reportRequests(api).serialTrace(q), c.now, c.date1904));
// A recall with the active holds of its items (the recalled one and those made from it), so its sheet says which lots are held.
reportKind('recall', async (api, q: { sku: string; lots: string[] }, c) => {
  const answer = await reportRequests(api).recall(q);
  const derived = answer.derived.map((d) => ({ sku: d.sku, lot: d.lot }));
  const skus = [...new Set([q.sku, ...derived.map((d) => d.sku)])];
  const holds: Hold[] = (await Promise.all(skus.map((s) => reportRequests(api).holds(s)))).flatMap((h) => h.holds);
  return { sheet: recallSheet(answer, q.sku, q.lots, holds, c.now, c.date1904), derived };
});
reportKind('genealogy', async (api, q: LotKey & { direction: Direction }, c) =>
  genealogySheet(await reportRequests(api).genealogy(q), { sku: q.sku, lot: q.lot }, q.direction, c.now, c.date1904));
reportKind('expiring', async (api, q: { days: number }, c) => expiringSheet(await reportRequests(api).expiring(q.days), q.days, c.now, c.date1904));
reportKind('onHand', async (api, q: OnHandAsked, c) => onHandSheet(await reportRequests(api).onHand(q), q, c.now, c.date1904));
// The movements of a window, page by page (the server answers 10,000 a page).
reportKind('movements', async (api, q: MovementsAsked, c) => {
  const all: Movement[] = [];
  let cursor: string | undefined;
  do {
    const page = await reportRequests(api).movements(q, cursor);
    all.push(...page.movements);
    if (all.length > MAX_REPORT_ROWS) return `The window holds more than the ${plural(MAX_REPORT_ROWS, 'row')} a sheet can take; choose a shorter window or an item.`;
    cursor = page.nextCursor ?? undefined;
    c.progress(`Fetched ${plural(all.length, 'movement')}…`);
  } while (cursor);
  return movementsSheet(all, q, c.now, c.date1904);
});
// The FDA records request: one table, each missing key data element marked (the marks travel with the sheet).
reportKind('fsma204', async (api, q: Fsma204Asked, c) => {
  const { records } = await reportRequests(api).fsma204(q);
  const missing = records.reduce((n, r) => n + r.missing.length, 0);
  const said = `${plural(records.length, 'record')}; ${missing ? `${plural(missing, 'missing key data element')} marked in yellow, each with a note.` : 'no key data element missing.'}`;
  return { sheet: fsma204Sheet(records, q, c.now, c.date1904), said };
});
