/**
 * Pulling a report into the workbook: the question from the selection (or what was typed),
 * the answer from the server, the sheet laid out and written through the workbook port with
 * a progress bar. Plain TypeScript: the Reports panel only renders its state.
 */
import type { ApiClient } from '../../api/client';
import { notices, type Notice } from '../../session/notices';
import type { Movement } from '../../../shared/report-answers';
import type { Hold } from '../../../shared/recall-answers';
import { heldSaid, holdRequests, releasedSaid, type Recalled } from './holds';
import { genealogySheet, type Direction } from '../../reports/genealogy';
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

/** Which buttons a pull came from: its progress and result are shown beside them. */
export type PullPlace = 'selection' | 'expiring' | 'on-hand' | 'movements';
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

/** Rows a sheet can hold under the title line and the header: Excel has 1,048,576. */
export const MAX_REPORT_ROWS = 1_048_576 - 2;

/**
 * Lots as typed: separated by commas, semicolons, spaces or new lines.
 * @example lotsTyped('FLU-A, FLU-B\nFLU-C') // ['FLU-A', 'FLU-B', 'FLU-C']
 */
export const lotsTyped = (text: string): string[] => [...new Set(text.split(/[\s,;]+/).filter((l) => l !== ''))];

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;

type Api = Pick<ApiClient, 'report' | 'items' | 'hold' | 'release' | 'holds'>;

/** What a pull wrote: its sheet, and what to say about it beyond the sheet's name. */
interface Pulled { sheet: ReportSheet; said?: string; recalled?: Omit<Recalled, 'sheet'> }

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

  /** "Genealogy": the family tree of the lot a trace would ask for, down (made from it) or up. */
  genealogy(direction: Direction): Promise<void> {
    return this.pull(async (api, date1904) => {
      const q = await this.asked(lotAsked, (f) => {
        const lots = lotsTyped(f.lots);
        return f.sku.trim() && lots.length ? { sku: f.sku.trim(), lot: lots[0] } : null;
      }, (x) => ({ sku: x.sku, lots: x.lot }));
      return typeof q === 'string' ? q : genealogySheet(await reportRequests(api).genealogy({ ...q, direction }), q, direction, this.now(), date1904);
    });
  }

  /** "Recall": the selected lots (one item), else the typed item and lots. */
  recall(): Promise<void> {
    return this.pull(async (api, date1904) => {
      const q = await this.asked(recallAsked, (f) => {
        const lots = lotsTyped(f.lots);
        return f.sku.trim() && lots.length ? { sku: f.sku.trim(), lots } : null;
      }, (x) => ({ sku: x.sku, lots: x.lots.join(', ') }));
      return typeof q === 'string' ? q : this.recallPulled(api, q, date1904);
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
    return this.pull(async (api, date1904) => {
      // One request per item, in turn: a hold already placed counts 0 again, so pressing again after a failure finishes the rest.
      let n = 0;
      for (const body of holdRequests(r, withDerived, reason.trim())) n += action === 'hold' ? (await api.hold(body)).held : (await api.release(body)).released;
      done = true;
      const pulled = await this.recallPulled(api, r, date1904);
      return { ...pulled, said: (action === 'hold' ? heldSaid : releasedSaid)(r, withDerived, n) };
    }, 'selection', () => (done
      ? `${action === 'hold' ? 'Lots held' : 'Holds released'}, but the recall was not pulled again`
      : action === 'hold' ? 'Lots not held' : 'Holds not released'));
  }

  /** A recall with the active holds of its items (the recalled one and those made from it), so its sheet says which lots are held. */
  private async recallPulled(api: Api, q: { sku: string; lots: readonly string[] }, date1904: boolean): Promise<Pulled> {
    const answer = await reportRequests(api).recall(q);
    const derived = answer.derived.map((d) => ({ sku: d.sku, lot: d.lot }));
    const skus = [...new Set([q.sku, ...derived.map((d) => d.sku)])];
    const holds: Hold[] = (await Promise.all(skus.map((s) => api.holds(s)))).flatMap((h) => h.holds);
    return { sheet: recallSheet(answer, q.sku, q.lots, holds, this.now(), date1904), recalled: { sku: q.sku, lots: [...q.lots], derived } };
  }

  expiring(days: number): Promise<void> {
    return this.pull(async (api, date1904) => expiringSheet(await reportRequests(api).expiring(days), days, this.now(), date1904), 'expiring');
  }

  onHand(q: OnHandAsked): Promise<void> {
    return this.pull(async (api, date1904) => onHandSheet(await reportRequests(api).onHand(q), q, this.now(), date1904), 'on-hand');
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
    }, 'movements');
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

  /** Runs one pull: asks, lays out, writes with progress, and says what happened. */
  private async pull(work: (api: Api, date1904: boolean) => Promise<ReportSheet | Pulled | string>, at: PullPlace = 'selection', failed: () => string = () => 'Report not pulled'): Promise<void> {
    if (this.state.busy) return;
    const api = this.api();
    if (!api) {
      this.set({ at, notice: { intent: 'warning', title: 'Not connected', text: 'Connect with your access token first: reports come from the ledger.' } });
      return;
    }
    this.set({ busy: true, at, notice: null, progress: { label: 'Asking the ledger…', done: 0, total: 0 } });
    try {
      const { date1904 } = await this.port.info();
      const done = await work(api, date1904);
      if (typeof done === 'string') {
        this.set({ notice: { intent: 'warning', title: 'Nothing to pull yet', text: done } });
        return;
      }
      const { sheet, said, recalled } = 'sheet' in done ? done : { sheet: done } as Pulled;
      const rows = sheet.tables.reduce((n, t) => n + t.rows.length, 0);
      this.set({ progress: { label: `Writing ${plural(rows, 'row')}…`, done: 0, total: rows } });
      const name = await this.port.addReportSheet(sheet, (done, total) => this.set({ progress: { label: `Writing ${plural(total, 'row')}…`, done, total } }));
      this.set({
        notice: { intent: 'success', title: `Added sheet “${name}”`, text: `${said ? `${said} ` : ''}${plural(rows, 'row')} in ${plural(sheet.tables.length, 'table')}.` },
        fields: { ...this.state.fields, typed: false },
        ...(recalled ? { recalled: { ...recalled, sheet: name } } : {}),
      });
    } catch (e) {
      this.set({ notice: notices.failed(e, failed()) });
    } finally {
      this.set({ busy: false, progress: null });
    }
  }
}
