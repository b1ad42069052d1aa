/**
 * Pulling a report into the workbook: the question from the selection (or what was typed),
 * the answer from the server, the sheet laid out and written through the workbook port with
 * a progress bar. Plain TypeScript: the Reports panel only renders its state.
 */
import type { ApiClient } from '../../api/client';
import { notices, type Notice } from '../../session/notices';
import { lotAsked, pickRows, recallAsked, selectionWindow, serialAsked, type Asked, type PickedRow } from '../../reports/from-selection';
import { makeReport } from '../../reports/kinds';
import type { MovementsAsked, OnHandAsked } from '../../reports/stock';
import type { ReportQuery, WorkbookPort } from '../../workbook/port';

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
    return this.pull(async () => {
      const q = await this.asked(lotAsked, (f) => {
        const lots = lotsTyped(f.lots);
        return f.sku.trim() && lots.length ? { sku: f.sku.trim(), lot: lots[0] } : null;
      }, (x) => ({ sku: x.sku, lots: x.lot }));
      return typeof q === 'string' ? q : { kind: 'lotTrace', params: q };
    });
  }

  /** "Trace serial": the selected serial cell, else the typed serial (and item, when given). */
  traceSerial(): Promise<void> {
    return this.pull(async () => {
      const q = await this.asked(serialAsked, (f) => (f.serial.trim() ? { serial: f.serial.trim(), ...(f.sku.trim() ? { sku: f.sku.trim() } : {}) } : null),
        (x) => ({ serial: x.serial, sku: x.sku ?? '' }));
      return typeof q === 'string' ? q : { kind: 'serialTrace', params: q };
    });
  }

  /** "Recall": the selected lots (one item), else the typed item and lots. */
  recall(): Promise<void> {
    return this.pull(async () => {
      const q = await this.asked(recallAsked, (f) => {
        const lots = lotsTyped(f.lots);
        return f.sku.trim() && lots.length ? { sku: f.sku.trim(), lots } : null;
      }, (x) => ({ sku: x.sku, lots: x.lots.join(', ') }));
      return typeof q === 'string' ? q : { kind: 'recall', params: q };
    });
  }

  expiring(days: number): Promise<void> {
    return this.pull(async () => ({ kind: 'expiring', params: { days } }));
  }

  onHand(q: OnHandAsked): Promise<void> {
    return this.pull(async () => ({ kind: 'onHand', params: { ...q } }));
  }

  /** The movements of a window, page by page (the server answers 10,000 a page). */
  movements(q: MovementsAsked): Promise<void> {
    return this.pull(async () => ({ kind: 'movements', params: { ...q } }));
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

  /**
   * Runs one pull: the question, then the report of its kind (reports/kinds.ts) laid out and
   * written with progress, the sheet remembering its query for Refresh; says what happened.
   */
  private async pull(question: () => Promise<ReportQuery | string>): Promise<void> {
    if (this.state.busy) return;
    const api = this.api();
    if (!api) {
      this.set({ notice: { intent: 'warning', title: 'Not connected', text: 'Connect with your access token first: reports come from the ledger.' } });
      return;
    }
    this.set({ busy: true, notice: null, progress: { label: 'Asking the ledger…', done: 0, total: 0 } });
    try {
      const { date1904 } = await this.port.info();
      const query = await question();
      const sheet = typeof query === 'string' ? query
        : await makeReport(api, query, { now: this.now(), date1904, progress: (label) => this.set({ progress: { label, done: 0, total: 0 } }) });
      if (typeof sheet === 'string') {
        this.set({ notice: { intent: 'warning', title: 'Nothing to pull yet', text: sheet } });
        return;
      }
      const rows = sheet.tables.reduce((n, t) => n + t.rows.length, 0);
      this.set({ progress: { label: `Writing ${plural(rows, 'row')}…`, done: 0, total: rows } });
      const name = await this.port.addReportSheet(sheet, (done, total) => this.set({ progress: { label: `Writing ${plural(total, 'row')}…`, done, total } }), query as ReportQuery);
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
