/**
 * Picking from the workbook: an order sheet becomes a pick list sheet (first expiry first out,
 * from the server), the picker's scans are checked against each row's item, lot and serial, and
 * the picked rows are posted as shipments through the sheet session's own check and post.
 * Plain TypeScript: the Picking panel only renders its state.
 */
import type { ApiClient } from '../../api/client';
import { notices, type Notice } from '../../session/notices';
import type { SheetSession } from '../../session/session';
import { orderLayout, SHIPMENT_HEADERS, shipmentTemplate } from '../../templates/picking-templates';
import { addTemplateSheet } from '../../templates/add-template';
import { TEMPLATE_HEADER_ROW } from '../../workbook/port';
import { checkScans, headerColumn, orderLines, shipLikeRows, shipmentRows } from '../../check/picks';
import { pickListSheet, PICKS_HEADING } from '../../reports/pick-list';
import type { CellMark, Region, WorkbookPort } from '../../workbook/port';
import { todayUtc } from '../../../shared/dates';
import type { RawRow } from '../../../shared/rows';

export interface PickState {
  busy: boolean;
  notice: Notice | null;
  /** The pick list sheet made last, where its picks table is. */
  sheet: { name: string; region: Region } | null;
}

type Api = Pick<ApiClient, 'items' | 'pickList'>;
const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;

export class Picker {
  state: PickState = { busy: false, notice: null, sheet: null };
  private listeners = new Set<(s: PickState) => void>();
  private marks: CellMark[] = [];

  constructor(private readonly port: WorkbookPort, private readonly api: () => Api | null, private readonly today: () => string = todayUtc) {}

  subscribe(listener: (s: PickState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<PickState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  /** "Add order sheet": Order, Customer, SKU (from the item master) and Qty. */
  addOrderSheet(): Promise<void> {
    return this.run('Order sheet not added', async (api) => {
      const name = await addTemplateSheet(this.port, orderLayout(await api.items()));
      return { intent: 'info', title: `Added sheet “${name}”`, text: 'One order line a row: Order, Customer, SKU, Qty. Then press Make pick list with a cell of it selected.' };
    });
  }

  /** "Make pick list": the order table around the selection, allocated by the ledger, written as a new sheet. */
  makePickList(minShelfLifeDays = 0): Promise<void> {
    return this.run('Pick list not made', async (api) => {
      const region = await this.port.tableRegion();
      if (!region) return notices.noTable();
      const { date1904 } = await this.port.info();
      const read = shipLikeRows(await this.port.read(region), date1904, this.today());
      if (!read) return notices.noHeader();
      const asked = orderLines(read.rows);
      if ('why' in asked) return { intent: 'warning', title: 'No order lines', text: asked.why };
      const answer = await api.pickList({ lines: asked.lines, ...(minShelfLifeDays > 0 ? { minShelfLifeDays } : {}) });
      const sheet = pickListSheet(answer, asked.lines, new Date(), date1904);
      const picks = sheet.tables.find((t) => t.columns.some((c) => c.header === 'Scan'));
      const name = await this.port.addReportSheet(sheet);
      const at = sheet.lines.find((l) => l.text === PICKS_HEADING)!.row + 1;
      this.marks = [];
      this.set({ sheet: picks ? { name, region: { sheet: name, top: at, left: 0, rows: picks.rows.length + 1, cols: picks.columns.length } } : null });
      const short = answer.lines.filter((l) => l.short > 0).length;
      return {
        intent: short ? 'warning' : 'success', title: `Added sheet “${name}”`,
        text: `${plural(picks?.rows.length ?? 0, 'pick')} in walking order${short ? `; ${plural(short, 'line')} short (at the top)` : ''}. Scan each label into Scan.`,
      };
    });
  }

  /** "Check scans": marks scans that are not of their row's item, lot or serial; a good scan fills in Picked. */
  checkScans(): Promise<void> {
    return this.run('Scans not checked', async (api) => {
      const checked = await this.scans(api);
      if (typeof checked === 'string') return { intent: 'warning', title: 'No pick list', text: checked };
      return checked.wrong
        ? { intent: 'error', title: `${plural(checked.wrong, 'scan')} wrong`, text: 'The marked scans are not of their row\'s item, lot or serial: pick the right one and scan again.' }
        : { intent: 'success', title: `${plural(checked.matched, 'scan')} right`, text: 'Picked is filled in where a scan matched.' };
    });
  }

  /**
   * "Post shipment": checks the scans, then writes the picked rows to a new Shipment sheet (party
   * the customer, ref the order) and checks and posts it through the sheet session.
   */
  postShipment(session: SheetSession): Promise<void> {
    return this.run('Shipment not posted', async (api) => {
      const checked = await this.scans(api);
      if (typeof checked === 'string') return { intent: 'warning', title: 'No pick list', text: checked };
      if (checked.wrong) return { intent: 'error', title: `${plural(checked.wrong, 'scan')} wrong`, text: 'Fix the marked scans before posting the shipment.' };
      if (checked.rows.length === 0) return { intent: 'warning', title: 'Nothing picked', text: 'Scan the labels (or type the quantity in Picked) first.' };
      const name = await this.port.addSheet(shipmentTemplate());
      const cells: Record<string, (r: RawRow) => unknown> = {
        Type: (r) => r.type, Date: (r) => r.date, Order: (r) => r.ref, Customer: (r) => r.party, SKU: (r) => r.sku, Lot: (r) => r.lot,
        Serial: (r) => r.serial, From: (r) => r.from, Qty: (r) => r.qty, Scan: (r) => r.gs1,
      };
      for (const [c, header] of SHIPMENT_HEADERS.entries()) {
        await this.port.writeColumn(name, TEMPLATE_HEADER_ROW + 1, c, checked.rows.map((r) => String(cells[header](r) ?? '')));
      }
      await this.port.select(name, TEMPLATE_HEADER_ROW + 1, 0);
      await session.check('movements');
      if (session.canPost) await session.post();
      const batch = session.state.postedBatch;
      return batch
        ? { intent: 'success', title: `Shipment posted as batch ${batch}`, text: `${plural(checked.rows.length, 'row')} shipped, from sheet “${name}”.` }
        : { intent: 'error', title: 'Shipment not posted', text: `Sheet “${name}” has problems (marked); fix them and press Post.` };
    });
  }

  /** Reads the pick list's table, marks wrong scans and writes Picked; answers the picked rows as shipments. */
  private async scans(api: Api) {
    const at = this.state.sheet;
    if (!at) return 'Make a pick list first: its sheet is where the scans go.';
    const { date1904 } = await this.port.info();
    const data = await this.port.read(at.region);
    const read = shipLikeRows(data, date1904, this.today());
    if (!read) return `The pick list on “${at.name}” has lost its header row; make it again.`;
    const checked = checkScans(data, read.table, read.rows, read.sheetRows, await api.items());
    if (this.marks.length) await this.port.clearMarks(at.name, this.marks);
    if (checked.marks.length) await this.port.mark(at.name, checked.marks);
    this.marks = checked.marks;
    const pickedCol = headerColumn(read.table, 'Picked');
    for (const row of pickedCol >= 0 ? checked.filled : []) {
      await this.port.writeColumn(at.name, row, read.table.left + pickedCol, [checked.picked[row - read.table.dataTop]]);
    }
    return { ...checked, rows: shipmentRows(read.rows, read.sheetRows, read.table, checked.picked, this.today()) };
  }

  private async run(failed: string, work: (api: Api) => Promise<Notice>): Promise<void> {
    if (this.state.busy) return;
    const api = this.api();
    if (!api) return this.set({ notice: { intent: 'warning', title: 'Not connected', text: 'Connect with your access token first: pick lists come from the ledger.' } });
    this.set({ busy: true, notice: null });
    try {
      this.set({ notice: await work(api) });
    } catch (e) {
      this.set({ notice: notices.failed(e, failed) });
    } finally {
      this.set({ busy: false });
    }
  }
}
