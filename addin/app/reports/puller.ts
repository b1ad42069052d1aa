/**
 * Pulling a report into the workbook: the question from the selection (or what was typed),
 * the answer from the server, the sheet laid out and written through the workbook port with
 * a progress bar. Plain TypeScript: the Reports panel only renders its state.
 */
import type { ApiClient } from '../../api/client';
import { notices, type Notice } from '../../session/notices';
import type { Movement } from '../../../shared/report-answers';
import { lotAsked, pickRows, recallAsked, selectionWindow, serialAsked, type Asked, type PickedRow } from '../../reports/from-selection';
import { lotTraceSheet } from '../../reports/lot-trace';
import { reportRequests } from '../../reports/queries';
import { recallSheet } from '../../reports/recall';
import { serialHistorySheet } from '../../reports/serial-history';
import { expiringSheet, movementsSheet, onHandSheet, type MovementsAsked, type OnHandAsked } from '../../reports/stock';
import type { ReportSheet, WorkbookPort } from '../../workbook/port';

/** The item, lots and serial a trace or recall asks about; `typed` when the user typed them. */
export interface ReportFields {
  sku: string;
  lots: string;
  serial: string;
  typed: boolean;
}

export interface PullState {
  busy: boolean;
  progress: { label: string; done: number; total: number } | null;
  notice: Notice | null;
  fields: ReportFields;
}

/** Rows a sheet can hold under the title line and the header: Excel has 1,048,576. */
export const MAX_REPORT_ROWS = 1_048_576 - 2;

/**
 * Lots as typed: separated by commas, semicolons, spaces or new lines.
 * @example lotsTyped('FLU-A, FLU-B\nFLU-C') // ['FLU-A', 'FLU-B', 'FLU-C']
 */
export const lotsTyped = (text: string): string[] => [...new Set(text.split(/[\s,;]+/).filter((l) => l !== ''))];

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;

type Api = Pick<ApiClient, 'report' | 'items'>;

export class ReportPuller {
  state: PullState = { busy: false, progress: null, notice: null, fields: { sku: '', lots: '', serial: '', typed: false } };
  private listeners = new Set<(s: PullState) => void>();

  constructor(private readonly port: WorkbookPort, private readonly api: () => Api | null, private readonly now: () => Date = () => new Date()) {}

  subscribe(listener: (s: PullState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<PullState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  /** The user typed into a field: typed fields win over the selection until the next pull. */
  setField(name: 'sku' | 'lots' | 'serial', value: string): void {
    this.set({ fields: { ...this.state.fields, [name]: value, typed: true } });
  }

  /** "Trace lot": the selected lot cell (its item in the same row), else the typed item and lot. */
  traceLot(): Promise<void> {
    return this.pull(async (api, date1904) => {
      const q = await this.asked(lotAsked, (f) => {
        const lots = lotsTyped(f.lots);
        return f.sku.trim() && lots.length ? { sku: f.sku.trim(), lot: lots[0] } : null;
      }, (x) => ({ sku: x.sku, lots: x.lot }));
      return typeof q === 'string' ? q : lotTraceSheet(await reportRequests(api).lotTrace(q), this.now(), date1904);
    });
  }

  /** "Trace serial": the selected serial cell, else the typed serial (and item, when given). */
  traceSerial(): Promise<void> {
    return this.pull(async (api, date1904) => {
      const q = await this.asked(serialAsked, (f) => (f.serial.trim() ? { serial: f.serial.trim(), ...(f.sku.trim() ? { sku: f.sku.trim() } : {}) } : null),
        (x) => ({ serial: x.serial, sku: x.sku ?? '' }));
      return typeof q === 'string' ? q : serialHistorySheet(await reportRequests(api).serialTrace(q), this.now(), date1904);
    });
  }

  /** "Recall": the selected lots (one item), else the typed item and lots. */
  recall(): Promise<void> {
    return this.pull(async (api, date1904) => {
      const q = await this.asked(recallAsked, (f) => {
        const lots = lotsTyped(f.lots);
        return f.sku.trim() && lots.length ? { sku: f.sku.trim(), lots } : null;
      }, (x) => ({ sku: x.sku, lots: x.lots.join(', ') }));
      return typeof q === 'string' ? q : recallSheet(await reportRequests(api).recall(q), q.sku, q.lots, this.now(), date1904);
    });
  }

  expiring(days: number): Promise<void> {
    return this.pull(async (api, date1904) => expiringSheet(await reportRequests(api).expiring(days), days, this.now(), date1904));
  }

  onHand(q: OnHandAsked): Promise<void> {
    return this.pull(async (api, date1904) => onHandSheet(await reportRequests(api).onHand(q), q, this.now(), date1904));
  }

  /** The movements of a window, page by page (the server answers 10,000 a page). */
  movements(q: MovementsAsked): Promise<void> {
    return this.pull(async (api, date1904) => {
      const all: Movement[] = [];
      let cursor: string | undefined;
      do {
        const page = await reportRequests(api).movements(q, cursor);
        all.push(...page.movements);
        if (all.length > MAX_REPORT_ROWS) return `The window holds more than the ${plural(MAX_REPORT_ROWS, 'row')} a sheet can take; choose a shorter window or an item.`;
        cursor = page.nextCursor ?? undefined;
        this.set({ progress: { label: `Fetched ${plural(all.length, 'movement')}…`, done: 0, total: 0 } });
      } while (cursor);
      return movementsSheet(all, q, this.now(), date1904);
    });
  }

  /** The question: typed fields when the user typed them, else the selection, else the fields. */
  private async asked<Q>(
    fromRows: (rows: PickedRow[]) => Asked<Q>,
    fromFields: (f: ReportFields) => Q | null,
    toFields: (q: Q) => Partial<ReportFields>,
  ): Promise<Q | string> {
    const fields = this.state.fields;
    const typed = fields.typed ? fromFields(fields) : null;
    if (typed) return typed;
    const asked = fromRows(await this.picked());
    if (asked.ok) {
      this.set({ fields: { ...this.state.fields, ...toFields(asked.q), typed: false } });
      return asked.q;
    }
    return fromFields(fields) ?? asked.why;
  }

  private async picked(): Promise<PickedRow[]> {
    const api = this.api();
    const sel = await this.port.selection();
    const [data, items] = await Promise.all([this.port.read(selectionWindow(sel)), api ? api.items() : []]);
    return pickRows(data, sel, new Set(items.map((i) => i.sku)));
  }

  /** Runs one pull: asks, lays out, writes with progress, and says what happened. */
  private async pull(work: (api: Api, date1904: boolean) => Promise<ReportSheet | string>): Promise<void> {
    if (this.state.busy) return;
    const api = this.api();
    if (!api) {
      this.set({ notice: { intent: 'warning', title: 'Not connected', text: 'Connect with your access token first: reports come from the ledger.' } });
      return;
    }
    this.set({ busy: true, notice: null, progress: { label: 'Asking the ledger…', done: 0, total: 0 } });
    try {
      const { date1904 } = await this.port.info();
      const sheet = await work(api, date1904);
      if (typeof sheet === 'string') {
        this.set({ notice: { intent: 'warning', title: 'Nothing to pull yet', text: sheet } });
        return;
      }
      const rows = sheet.tables.reduce((n, t) => n + t.rows.length, 0);
      this.set({ progress: { label: `Writing ${plural(rows, 'row')}…`, done: 0, total: rows } });
      const name = await this.port.addReportSheet(sheet, (done, total) => this.set({ progress: { label: `Writing ${plural(total, 'row')}…`, done, total } }));
      this.set({
        notice: { intent: 'success', title: `Added sheet “${name}”`, text: `${plural(rows, 'row')} in ${plural(sheet.tables.length, 'table')}.` },
        fields: { ...this.state.fields, typed: false },
      });
    } catch (e) {
      this.set({ notice: notices.failed(e, 'Report not pulled') });
    } finally {
      this.set({ busy: false, progress: null });
    }
  }
}
