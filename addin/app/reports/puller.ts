/**
 * Pulling a report into the workbook: the question from the selection (or what was typed),
 * the answer from the server, the sheet laid out and written through the workbook port with
 * a progress bar. Plain TypeScript: the Reports panel only renders its state.
 */
import type { ApiClient } from '../../api/client';
import { notices, type Notice } from '../../session/notices';
import { heldSaid, holdRequests, releasedSaid, type Recalled } from './holds';
import type { Direction } from '../../reports/genealogy';
import { lotAsked, pickRows, recallAsked, selectionWindow, serialAsked, type Asked, type PickedRow } from '../../reports/from-selection';
import { makeReport } from '../../reports/kinds';
import type { MovementsAsked, OnHandAsked } from '../../reports/stock';
import type { ReportQuery, WorkbookPort } from '../../workbook/port';
import type { Fsma204Asked } from '../../reports/fsma204';

/** The item, lots and serial a trace or recall asks about; `typed` when the user typed them. */
export interface ReportFields {
  sku: string;
  lots: string;
  serial: string;
  typed: boolean;
}

/** Which buttons a pull came from: its progress and result are shown beside them. */
export type PullPlace = 'selection' | 'expiring' | 'on-hand' | 'movements' | 'fsma204';
export type { Recalled } from './holds';

export interface PullState {
  busy: boolean;
  progress: { label: string; done: number; total: number } | null;
  notice: Notice | null;
  /** Where the progress and notice belong. */
  at: PullPlace;
  fields: ReportFields;
  recalled: Recalled | null;
}

/** A selection change is read after this pause, so arrowing through cells reads the last one only. */
const FOLLOW_PAUSE_MS = 150;

/**
 * Lots as typed: separated by commas, semicolons, spaces or new lines.
 * @example lotsTyped('FLU-A, FLU-B\nFLU-C') // ['FLU-A', 'FLU-B', 'FLU-C']
 */
export const lotsTyped = (text: string): string[] => [...new Set(text.split(/[\s,;]+/).filter((l) => l !== ''))];

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;

type Api = Pick<ApiClient, 'report' | 'items' | 'hold' | 'release' | 'holds'>;

/** How a pull is told: where it was asked, and what to say beyond the sheet's name or on failure. */
interface PullHow { at?: PullPlace; said?: () => string | undefined; failed?: () => string }

/**
 * The fields a selection fills, from its rows with an item: the lots it names (one item's),
 * the item of its first lot or serial, its first serial; all blank when it names none.
 * @example fieldsOf([{ row: 1, sku: 'VAC-10', lot: 'FLU-A', serial: null }]).lots // 'FLU-A'
 */
export function fieldsOf(rows: readonly PickedRow[]): ReportFields {
  // Only rows with an item: a title or a note selected alone names no lot.
  rows = rows.filter((r) => r.sku !== null);
  const first = rows.find((r) => r.lot !== null || r.serial !== null);
  const sku = first?.sku ?? '';
  const lots = [...new Set(rows.filter((r) => r.lot !== null && (r.sku ?? '') === sku).map((r) => r.lot!))];
  return { sku, lots: lots.join(', '), serial: rows.find((r) => r.serial !== null)?.serial ?? '', typed: false };
}

export class ReportPuller {
  state: PullState = { busy: false, progress: null, notice: null, at: 'selection', fields: { sku: '', lots: '', serial: '', typed: false }, recalled: null };
  private listeners = new Set<(s: PullState) => void>();
  /** Item codes of the ledger, fetched once per connection to tell an item cell in a row. */
  private known: { api: Api; skus: Promise<Set<string>> } | null = null;
  private followTimer: ReturnType<typeof setTimeout> | null = null;
  private followSeq = 0;

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
    this.stopFollowing();
    this.set({ fields: { ...this.state.fields, [name]: value, typed: true } });
  }

  /**
   * Fills the fields from the selection as it changes: its lots, item and serial, or nothing
   * when it names none (so a field never keeps what an earlier selection said). Answers a
   * function that stops following.
   */
  follow(): () => void {
    const stop = this.port.onSelect(() => {
      this.stopFollowing();
      // The pane's own selecting (a report sheet it just added) is not the clerk's.
      if (this.state.busy) return;
      const mine = this.followSeq;
      this.followTimer = setTimeout(() => {
        void this.picked().then((rows) => {
          if (mine === this.followSeq && !this.state.busy) this.set({ fields: fieldsOf(rows) });
        }, () => undefined);
      }, FOLLOW_PAUSE_MS);
    });
    return () => {
      this.stopFollowing();
      stop();
    };
  }

  /** Drops a selection change not yet read (typing wins over it). */
  private stopFollowing(): void {
    this.followSeq++;
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = null;
  }

  /** "Trace lot": the selected lot cell (its item in the same row), else the typed item and lot. */
  traceLot(): Promise<void> {
    return this.pull(async () => {
      const q = await this.lotQuestion();
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

  /** "Genealogy": the family tree of the lot a trace would ask for, down (made from it) or up. */
  genealogy(direction: Direction): Promise<void> {
    return this.pull(async () => {
      const q = await this.lotQuestion();
      return typeof q === 'string' ? q : { kind: 'genealogy', params: { ...q, direction } };
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

  /**
   * "Hold these lots": puts the last recall's lots (and, `withDerived`, every lot made from them)
   * on hold, then pulls the recall again to show it.
   */
  hold(reason: string, withDerived = true): Promise<void> {
    return this.holdOrRelease(reason, withDerived, 'hold');
  }

  /** "Release": lifts the holds on the same lots, then pulls the recall again. */
  release(reason: string, withDerived = true): Promise<void> {
    return this.holdOrRelease(reason, withDerived, 'release');
  }

  private holdOrRelease(reason: string, withDerived: boolean, action: 'hold' | 'release'): Promise<void> {
    const r = this.state.recalled;
    const verb = action === 'hold' ? 'hold' : 'release';
    if (!r) return this.warn(`Nothing to ${verb} yet`, `Pull a recall first: ${action === 'hold' ? 'Hold these lots' : 'Release'} acts on the lots of the recall sheet.`);
    if (reason.trim() === '') return this.warn('Say why', `Type the reason for the ${verb} (the ledger keeps it with who and when).`);
    let done = false;
    let n = 0;
    return this.pull(async (api) => {
      // One request per item, in turn: a hold already placed counts 0 again, so pressing again after a failure finishes the rest.
      for (const body of holdRequests(r, withDerived, reason.trim())) n += action === 'hold' ? (await api.hold(body)).held : (await api.release(body)).released;
      done = true;
      return { kind: 'recall', params: { sku: r.sku, lots: [...r.lots] } };
    }, {
      said: () => (action === 'hold' ? heldSaid : releasedSaid)(r, withDerived, n),
      failed: () => (done
        ? `${action === 'hold' ? 'Lots held' : 'Holds released'}, but the recall was not pulled again`
        : action === 'hold' ? 'Lots not held' : 'Holds not released'),
    });
  }

  expiring(days: number): Promise<void> {
    return this.pull(async () => ({ kind: 'expiring', params: { days } }), { at: 'expiring' });
  }

  onHand(q: OnHandAsked): Promise<void> {
    return this.pull(async () => ({ kind: 'onHand', params: { ...q } }), { at: 'on-hand' });
  }

  /** The movements of a window, page by page (the server answers 10,000 a page). */
  movements(q: MovementsAsked): Promise<void> {
    return this.pull(async () => ({ kind: 'movements', params: { ...q } }), { at: 'movements' });
  }

  /** The lot a trace or a genealogy asks about: the selected lot cell, else the typed item and lot. */
  private lotQuestion(): Promise<{ sku: string; lot: string } | string> {
    return this.asked(lotAsked, (f) => {
      const lots = lotsTyped(f.lots);
      return f.sku.trim() && lots.length ? { sku: f.sku.trim(), lot: lots[0] } : null;
    }, (x) => ({ sku: x.sku, lots: x.lot }));
  }

  /** The FSMA 204 record of a window or lots: one sheet, missing key data elements marked (the notice counts records, not the explanation's rows). */
  /** "FSMA 204 record": the records of a window or lots as a sortable table, missing key data elements marked. */
  fsma204(q: Fsma204Asked): Promise<void> {
    return this.pull(async () => ({ kind: 'fsma204', params: { ...q } }), { at: 'fsma204' });
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
    const sel = await this.port.selection();
    const [data, skus] = await Promise.all([this.port.read(selectionWindow(sel)), this.skus()]);
    return pickRows(data, sel, skus);
  }

  private skus(): Promise<Set<string>> {
    const api = this.api();
    if (!api) return Promise.resolve(new Set());
    if (this.known?.api !== api) {
      const skus = api.items().then((items) => new Set(items.map((i) => i.sku)));
      this.known = { api, skus };
      skus.catch(() => { if (this.known?.skus === skus) this.known = null; });
    }
    return this.known.skus;
  }

  private async warn(title: string, text: string): Promise<void> {
    this.set({ at: 'selection', notice: { intent: 'warning', title, text } });
  }

  /**
   * Runs one pull: the question, then the report of its kind (reports/kinds.ts) laid out and
   * written with progress, the sheet remembering its query for Refresh; says what happened,
   * beside the buttons that asked (`how.at`).
   */
  private async pull(question: (api: Api) => Promise<ReportQuery | string>, how: PullHow = {}): Promise<void> {
    const { at = 'selection', said = () => undefined, failed = () => 'Report not pulled' } = how;
    if (this.state.busy) return;
    const api = this.api();
    if (!api) {
      this.set({ at, notice: { intent: 'warning', title: 'Not connected', text: 'Connect with your access token first: reports come from the ledger.' } });
      return;
    }
    this.set({ busy: true, at, notice: null, progress: { label: 'Asking the ledger…', done: 0, total: 0 } });
    try {
      const { date1904 } = await this.port.info();
      const query = await question(api);
      const made = typeof query === 'string' ? query
        : await makeReport(api, query, { now: this.now(), date1904, progress: (label) => this.set({ progress: { label, done: 0, total: 0 } }) });
      if (typeof made === 'string') {
        this.set({ notice: { intent: 'warning', title: 'Nothing to pull yet', text: made } });
        return;
      }
      const { sheet } = made;
      const rows = sheet.tables.reduce((n, t) => n + t.rows.length, 0);
      this.set({ progress: { label: `Writing ${plural(rows, 'row')}…`, done: 0, total: rows } });
      const name = await this.port.addReportSheet(sheet, (done, total) => this.set({ progress: { label: `Writing ${plural(total, 'row')}…`, done, total } }), query as ReportQuery);
      // Cells the report flags (an FSMA record's missing key data elements), marked once it is written.
      const marks = sheet.marks ?? [];
      if (marks.length) await this.port.mark(name, marks, (done, total) => this.set({ progress: { label: `Marking ${plural(total, 'cell')}…`, done, total } }));
      const recall = (query as ReportQuery).kind === 'recall' ? (query as ReportQuery).params as { sku: string; lots: string[] } : null;
      const extra = said();
      this.set({
        notice: { intent: 'success', title: `Added sheet “${name}”`, text: `${extra ? `${extra} ` : ''}${made.said ?? `${plural(rows, 'row')} in ${plural(sheet.tables.length, 'table')}.`}` },
        fields: { ...this.state.fields, typed: false },
        ...(recall ? { recalled: { sku: recall.sku, lots: [...recall.lots], derived: made.derived ?? [], sheet: name } } : {}),
      });
    } catch (e) {
      this.set({ notice: notices.failed(e, failed()) });
    } finally {
      this.set({ busy: false, progress: null });
    }
  }
}
