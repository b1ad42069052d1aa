/** The report requests of docs/API.md "Trace and reports": paths with their query strings. */
import type { ExpiringAnswer, LotTraceAnswer, MovementsPage, OnHandAnswer, RecallAnswer, SerialTraceAnswer } from '../../shared/report-answers';
import type { GenealogyAnswer, HoldList } from '../../shared/recall-answers';
import type { Fsma204Answer } from '../../shared/fsma204';
import type { Fsma204Asked } from './fsma204';
import type { MovementsAsked, OnHandAsked } from './stock';
import type { Direction } from './genealogy';

type Query = Record<string, string | number | readonly string[] | undefined>;

/**
 * A path with its query; a list repeats its parameter, blanks are left out.
 * @example withQuery('/v1/reports/recall', { sku: 'VAC-10', lot: ['A', 'B'] }) // '/v1/reports/recall?sku=VAC-10&lot=A&lot=B'
 */
export function withQuery(path: string, query: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined && String(x).trim() !== '') p.append(k, String(x).trim());
  }
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

/** The compliance exports' question (docs/API.md "Compliance exports"): a window, lots, or both; an item. */
const exportQuery = (q: Fsma204Asked): Query => ({ from: q.from, to: q.to, sku: q.sku, lot: q.lots });

/** What the pane reads of an EPCIS 2.0 document (the rest is passed on as the server wrote it). */
export interface EpcisDocument { type: 'EPCISDocument'; epcisBody: { eventList: unknown[] } }

/** What the pane needs of the API client for reports. */
export interface ReportApi {
  report<T>(pathAndQuery: string): Promise<T>;
}

export const reportRequests = (api: ReportApi) => ({
  lotTrace: (q: { sku: string; lot: string }) => api.report<LotTraceAnswer>(withQuery('/v1/trace/lot', q)),
  serialTrace: (q: { serial: string; sku?: string }) => api.report<SerialTraceAnswer>(withQuery('/v1/trace/serial', q)),
  recall: (q: { sku: string; lots: readonly string[] }) => api.report<RecallAnswer>(withQuery('/v1/reports/recall', { sku: q.sku, lot: q.lots })),
  genealogy: (q: { sku: string; lot: string; direction: Direction }) => api.report<GenealogyAnswer>(withQuery('/v1/trace/genealogy', q)),
  expiring: (days: number) => api.report<ExpiringAnswer>(withQuery('/v1/reports/expiring', { days })),
  onHand: (q: OnHandAsked) => api.report<OnHandAnswer>(withQuery('/v1/reports/on-hand', { ...q })),
  movements: (q: MovementsAsked, cursor?: string) => api.report<MovementsPage>(withQuery('/v1/reports/movements', { ...q, cursor })),
  /** The active holds of an item (docs/API.md "Holds"). */
  holds: (sku: string) => api.report<HoldList>(withQuery('/v1/holds', { sku, active: 'true' })),
  fsma204: (q: Fsma204Asked) => api.report<Fsma204Answer>(withQuery('/v1/reports/fsma204', exportQuery(q))),
  epcis: (q: Fsma204Asked) => api.report<EpcisDocument>(withQuery('/v1/export/epcis', exportQuery(q))),
});
