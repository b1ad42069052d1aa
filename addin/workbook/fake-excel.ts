/**
 * A fake Excel for testing the Office.js adapter in node. It behaves as the documented API
 * does where the adapter depends on it: proxies queue work until `context.sync()`; loaded
 * properties are readable only after a sync; dates are serial numbers with a date format;
 * a string starting with `=` becomes a formula unless the cell is formatted as Text ('@') or
 * the string starts with an apostrophe; a request or response over 5 MB fails with
 * `RequestPayloadSizeLimitExceeded` / `ResponsePayloadSizeLimitExceeded` and applies nothing;
 * writes fire `onChanged` unless `context.runtime.enableEvents` is false; a list data-validation
 * rule takes a comma-separated source of at most 255 characters or a `=` range reference and
 * replaces the rule of the cells it covers; selecting fires the workbook's `onSelectionChanged`;
 * worksheet custom property keys are case-insensitive and at most 255 characters (longer:
 * `InvalidArgument`), `add` on a key there replaces its value, and deleting a key that is not
 * there fails with `ItemNotFound`.
 * Cells live in a PreviewWorkbook, the same model the preview grid shows.
 */
import { cellAddress, parseAddress, type Box } from './address';
import { PAYLOAD_LIMIT_BYTES, MAX_CELLS_PER_READ, payloadBytes } from './chunks';
import type { OfficeHost } from './office';
import type { CellValue } from './port';
import { PreviewWorkbook } from './preview/workbook';

class FakeError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

type Op = { bytes: number; run: () => void };
type ChangedArgs = { worksheetId: string; address: string; triggerSource: string; changeType: string };

export interface SyncRecord { requestBytes: number; responseBytes: number; loadedCells: number }

export class FakeExcel {
  readonly book: PreviewWorkbook;
  readonly syncs: SyncRecord[] = [];
  /** Change events fired, with their trigger source. */
  readonly events: { sheet: string; address: string; triggerSource: string }[] = [];
  /** List data-validation rules in force, by sheet and address (a new rule over the same cells replaces the old). */
  readonly validations: { sheet: string; address: string; source: string; inCellDropDown: boolean }[] = [];
  readonly hidden = new Set<string>();
  readonly frozenRows = new Map<string, number>();
  /** Excel tables added, by sheet and address. */
  readonly tables: { sheet: string; address: string; hasHeaders: boolean; style?: string }[] = [];
  /** Worksheet custom properties (ExcelApi 1.12), by sheet name, then key. */
  readonly customProperties = new Map<string, Map<string, string>>();
  screenSuspensions = 0;
  eventsEnabled = true;
  private handlers = new Set<(e: ChangedArgs) => Promise<void> | void>();
  private selectionHandlers = new Set<() => Promise<void> | void>();

  constructor(opts: { name?: string; sheets?: string[]; date1904?: boolean } = {}) {
    this.book = new PreviewWorkbook(opts.name ?? 'Book1.xlsx', opts.sheets ?? ['Sheet1']);
    this.book.date1904 = opts.date1904 ?? false;
  }

  /** The host the Office adapter takes: Excel.run over this fake. */
  host(notes = true): OfficeHost {
    return { run: (batch) => this.run(batch as never) as never, notes };
  }

  /** Seeds cells as Excel would hold them (values, and an optional number format). */
  seed(sheet: string, address: string, values: CellValue[][], format?: string): void {
    const { top, left } = parseAddress(address);
    this.book.setValues(sheet, top, left, values, { byUser: false });
    if (format) values.forEach((row, i) => row.forEach((_, j) => this.book.setFormat(sheet, top + i, left + j, format)));
  }

  /** A user typing or pasting: fires onChanged as Excel does. */
  async userEdit(sheet: string, address: string, values: CellValue[][]): Promise<void> {
    const { top, left } = parseAddress(address);
    this.book.setValues(sheet, top, left, values, { byUser: false, asTyped: true });
    for (const h of this.handlers) await h({ worksheetId: `id:${sheet}`, address, triggerSource: 'Local', changeType: 'RangeEdited' });
  }

  /** A user inserting rows above `row` (0-based): everything below moves down, as in Excel. */
  async userInsertRows(sheet: string, row: number, count: number): Promise<void> {
    const s = this.book.sheet(sheet);
    const moved = [...s.cells].map(([k, c]) => { const [r, col] = k.split(',').map(Number); return [r >= row ? r + count : r, col, c] as const; });
    s.cells.clear();
    for (const [r, c, cell] of moved) s.cells.set(`${r},${c}`, cell);
    for (const h of this.handlers) await h({ worksheetId: `id:${sheet}`, address: `${row + 1}:${row + count}`, triggerSource: 'Local', changeType: 'RowInserted' });
  }

  selectRange(sheet: string, address: string): void {
    this.book.select({ sheet, ...parseAddress(address) });
  }

  /** A user selecting cells: the selection moves and `workbook.onSelectionChanged` fires. */
  async userSelect(sheet: string, address: string): Promise<void> {
    this.selectRange(sheet, address);
    for (const h of this.selectionHandlers) await h();
  }

  get maxRequestBytes(): number { return Math.max(0, ...this.syncs.map((s) => s.requestBytes)); }
  get maxResponseBytes(): number { return Math.max(0, ...this.syncs.map((s) => s.responseBytes)); }

  async run<T>(batch: (ctx: unknown) => Promise<T>): Promise<T> {
    const fake = this;
    const queue: Op[] = [];
    const afterSync: (() => { bytes: number; cells: number })[] = [];
    const ctx = {
      workbook: null as unknown,
      application: { suspendScreenUpdatingUntilNextSync: () => { fake.screenSuspensions++; } },
      runtime: {
        set enableEvents(v: boolean) { queue.push({ bytes: 20, run: () => { fake.eventsEnabled = v; } }); },
        get enableEvents() { return fake.eventsEnabled; },
      },
      async sync() {
        const ops = queue.splice(0);
        const loads = afterSync.splice(0);
        const requestBytes = ops.reduce((n, o) => n + o.bytes, 0) + loads.length * 40;
        if (requestBytes > PAYLOAD_LIMIT_BYTES) throw new FakeError('RequestPayloadSizeLimitExceeded', `Request of ${requestBytes} bytes is over the 5 MB limit.`);
        for (const o of ops) o.run();
        let responseBytes = 0, loadedCells = 0;
        for (const l of loads) {
          const r = l();
          responseBytes += r.bytes;
          loadedCells += r.cells;
        }
        if (loadedCells > MAX_CELLS_PER_READ) throw new FakeError('ResponsePayloadSizeLimitExceeded', `A read of ${loadedCells} cells is over the limit.`);
        if (responseBytes > PAYLOAD_LIMIT_BYTES) throw new FakeError('ResponsePayloadSizeLimitExceeded', `Response of ${responseBytes} bytes is over the 5 MB limit.`);
        fake.syncs.push({ requestBytes, responseBytes, loadedCells });
      },
    };
    const book = this.book;

    /** A proxy object: properties readable after load + sync only. */
    const loadable = (compute: () => Record<string, unknown>, props: Record<string, unknown> = {}) => {
      const loaded: Record<string, unknown> = {};
      const obj: Record<string, unknown> = {
        load(names?: string) {
          afterSync.push(() => {
            const all = compute();
            const wanted = names ? [...new Set(names.split(',').map((n) => n.trim().replace(/^items\/.*/, 'items')))] : Object.keys(all);
            for (const n of wanted) loaded[n] = all[n];
            if ('isNullObject' in all) loaded.isNullObject = all.isNullObject;
            const cells = ['values', 'text', 'numberFormat'].filter((n) => wanted.includes(n)).reduce((k, n) => k + ((loaded[n] as unknown[][] | undefined)?.flat().length ?? 0), 0);
            return { bytes: payloadBytes(wanted.map((n) => loaded[n])), cells };
          });
          return proxy; // as Office.js: load() answers the object itself
        },
      };
      Object.defineProperties(obj, Object.getOwnPropertyDescriptors(props)); // keeps setters as setters
      const proxy: Record<string, unknown> = new Proxy(obj, {
        get(target, p: string) {
          if (p in loaded) return loaded[p];
          if (p in target) return target[p];
          if (p === 'then') return undefined;
          throw new FakeError('PropertyNotLoaded', `The property '${p}' is not available. Call load() and context.sync() first.`);
        },
        set(target, p: string, v) {
          target[p] = v;
          return true;
        },
      });
      return proxy;
    };

    const fire = (sheet: string, box: Box) => {
      if (!fake.eventsEnabled) return;
      const address = cellAddress(box.top, box.left) + (box.rows > 1 || box.cols > 1 ? `:${cellAddress(box.top + box.rows - 1, box.left + box.cols - 1)}` : '');
      fake.events.push({ sheet, address, triggerSource: 'ThisLocalAddin' });
    };

    const range = (sheetOf: () => string, boxOf: () => Box | null): any => {
      const box = () => {
        const b = boxOf();
        if (!b) throw new FakeError('InvalidReference', 'This reference is not valid.');
        return b;
      };
      const cellsOf = <T>(f: (r: number, c: number) => T): T[][] => {
        const b = box();
        return Array.from({ length: b.rows }, (_, i) => Array.from({ length: b.cols }, (_, j) => f(b.top + i, b.left + j)));
      };
      const r = loadable(() => {
        const b = boxOf();
        if (!b) return { isNullObject: true };
        const s = sheetOf();
        return {
          isNullObject: false,
          rowIndex: b.top, columnIndex: b.left, rowCount: b.rows, columnCount: b.cols, cellCount: b.rows * b.cols,
          address: `${s}!${cellAddress(b.top, b.left)}:${cellAddress(b.top + b.rows - 1, b.left + b.cols - 1)}`,
          // getters: only what was loaded is computed (a whole-column selection has a million cells)
          get values() { return cellsOf((i, j) => book.cell(s, i, j)?.value ?? ''); },
          get text() { return cellsOf((i, j) => book.text(s, i, j)); },
          get numberFormat() { return cellsOf((i, j) => book.formatOf(s, i, j)); },
        };
      }, {
        worksheet: worksheet(sheetOf),
        getSurroundingRegion: () => range(sheetOf, () => { const b = box(); return book.surroundingRegion(sheetOf(), b.top, b.left); }),
        getIntersectionOrNullObject: (other: any) => range(sheetOf, () => {
          const a = box(), b = other.__box() as Box | null;
          if (!b) return null;
          const top = Math.max(a.top, b.top), left = Math.max(a.left, b.left);
          const bottom = Math.min(a.top + a.rows, b.top + b.rows), right = Math.min(a.left + a.cols, b.left + b.cols);
          return top < bottom && left < right ? { top, left, rows: bottom - top, cols: right - left } : null;
        }),
        __box: boxOf,
        clear: (applyTo = 'All') => queue.push({
          bytes: 20,
          run: () => {
            if (applyTo !== 'All') throw new FakeError('InvalidArgument', `clear(${applyTo}) is not modelled.`);
            book.clearCells(sheetOf(), box());
          },
        }),
        select: () => queue.push({ bytes: 20, run: () => book.select({ sheet: sheetOf(), ...box() }) }),
        format: {
          fill: {
            set color(c: string) { queue.push({ bytes: 40, run: () => cellsOf((i, j) => book.setFill(sheetOf(), i, j, c, book.cell(sheetOf(), i, j)?.note)) }); },
            clear: () => queue.push({ bytes: 20, run: () => cellsOf((i, j) => book.setFill(sheetOf(), i, j, undefined, book.cell(sheetOf(), i, j)?.note)) }),
          },
          font: {
            set bold(_: boolean) { queue.push({ bytes: 20, run: () => undefined }); },
            set italic(_: boolean) { queue.push({ bytes: 20, run: () => undefined }); },
          },
          autofitColumns: () => queue.push({ bytes: 20, run: () => undefined }),
        },
        dataValidation: {
          set rule(rule: { list?: { source: string; inCellDropDown?: boolean } }) {
            queue.push({
              bytes: payloadBytes(rule),
              run: () => {
                const source = rule.list?.source;
                if (typeof source !== 'string' || source === '') throw new FakeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
                if (!source.startsWith('=') && source.length > 255) throw new FakeError('InvalidArgument', 'A list source typed in may be at most 255 characters.');
                const b = box();
                const address = `${cellAddress(b.top, b.left)}:${cellAddress(b.top + b.rows - 1, b.left + b.cols - 1)}`;
                const at = fake.validations.findIndex((v) => v.sheet === sheetOf() && v.address === address);
                if (at >= 0) fake.validations.splice(at, 1);
                fake.validations.push({ sheet: sheetOf(), address, source, inCellDropDown: rule.list!.inCellDropDown ?? true });
              },
            });
          },
          clear: () => queue.push({
            bytes: 20,
            run: () => {
              const b = box();
              const address = `${cellAddress(b.top, b.left)}:${cellAddress(b.top + b.rows - 1, b.left + b.cols - 1)}`;
              const at = fake.validations.findIndex((v) => v.sheet === sheetOf() && v.address === address);
              if (at >= 0) fake.validations.splice(at, 1);
            },
          }),
        },
      });
      Object.defineProperty(r, 'values', {
        set(values: CellValue[][]) {
          queue.push({
            bytes: payloadBytes(values),
            run: () => {
              const b = box();
              if (values.length !== b.rows || values.some((row) => row.length !== b.cols)) throw new FakeError('InvalidArgument', 'The number of rows or columns in the input array does not match the size or dimensions of the range.');
              book.setValues(sheetOf(), b.top, b.left, values, { byUser: false, asTyped: true });
              fire(sheetOf(), b);
            },
          });
        },
        get() { throw new FakeError('PropertyNotLoaded', "The property 'values' is not available."); },
        configurable: true,
      });
      Object.defineProperty(r, 'numberFormat', {
        set(formats: string[][] | string) {
          queue.push({
            bytes: payloadBytes(formats),
            run: () => {
              const b = box();
              // A single format applies to every cell of the range; whole columns set the column format.
              if (typeof formats === 'string') {
                if (b.rows > 100_000) {
                  for (let c = b.left; c < b.left + b.cols; c++) {
                    // Cells above the range keep the format they had: pin it before the column's changes.
                    for (let r = 0; r < b.top; r++) book.setFormat(sheetOf(), r, c, book.formatOf(sheetOf(), r, c));
                    book.sheet(sheetOf()).columnFormats.set(c, formats);
                  }
                }
                else cellsOf((i, j) => book.setFormat(sheetOf(), i, j, formats));
                return;
              }
              formats.forEach((row, i) => row.forEach((f, j) => book.setFormat(sheetOf(), b.top + i, b.left + j, f)));
            },
          });
        },
        get() { throw new FakeError('PropertyNotLoaded', "The property 'numberFormat' is not available."); },
        configurable: true,
      });
      return r;
    };

    function worksheet(nameOf: () => string): any {
      const ws = loadable(() => {
        try { return { name: book.sheet(nameOf()).name, isNullObject: false }; } catch { return { isNullObject: true }; }
      }, {
        getRange: (address: string) => range(nameOf, () => parseAddress(address)),
        getRangeByIndexes: (top: number, left: number, rows: number, cols: number) => range(nameOf, () => ({ top, left, rows, cols })),
        getUsedRange: () => range(nameOf, () => { const u = book.usedSize(nameOf()); return u.rows ? { top: 0, left: 0, ...u } : null; }),
        activate: () => queue.push({ bytes: 20, run: () => book.select({ sheet: nameOf(), top: 0, left: 0, rows: 1, cols: 1 }) }),
        freezePanes: { freezeRows: (n: number) => queue.push({ bytes: 20, run: () => { fake.frozenRows.set(nameOf(), n); } }) },
        tables: Object.assign(loadable(() => ({
          items: fake.tables.filter((t) => t.sheet === nameOf()).map((t) => ({
            name: t.address,
            getRange: () => range(nameOf, () => parseAddress(t.address)),
            convertToRange: () => queue.push({ bytes: 20, run: () => { fake.tables.splice(fake.tables.indexOf(t), 1); } }),
          })),
        })), {
          add: (at: { __box: () => Box | null }, hasHeaders: boolean) => {
            const table: { sheet: string; address: string; hasHeaders: boolean; style?: string } = { sheet: nameOf(), address: '', hasHeaders };
            queue.push({ bytes: 60, run: () => { const b = at.__box()!; table.address = `${cellAddress(b.top, b.left)}:${cellAddress(b.top + b.rows - 1, b.left + b.cols - 1)}`; fake.tables.push(table); } });
            return { set style(s: string) { table.style = s; } };
          },
        }),
        customProperties: customProperties(nameOf),
        set visibility(v: string) { queue.push({ bytes: 20, run: () => { if (v === 'Hidden') fake.hidden.add(nameOf()); } }); },
        notes: {
          getItemOrNullObject: (address: string) => {
            const at = () => parseAddress(address);
            const note = loadable(() => {
              const c = book.cell(nameOf(), at().top, at().left);
              return c?.note ? { isNullObject: false, content: c.note } : { isNullObject: true };
            }, {
              delete: () => queue.push({ bytes: 20, run: () => { const c = book.cell(nameOf(), at().top, at().left); if (c) c.note = undefined; } }),
            });
            (note as any).load('isNullObject'); // Office.js answers isNullObject after any sync
            Object.defineProperty(note, 'content', {
              set(v: string) { queue.push({ bytes: payloadBytes(v), run: () => { const c = book.cell(nameOf(), at().top, at().left)!; c.note = v; } }); },
              get() { const c = book.cell(nameOf(), at().top, at().left); return c?.note; },
              configurable: true,
            });
            return note;
          },
          add: (at: string | { __box: () => Box | null }, content: string) => queue.push({
            bytes: payloadBytes(content),
            run: () => {
              const { top, left } = typeof at === 'string' ? parseAddress(at) : at.__box()!;
              const c = book.cell(nameOf(), top, left);
              if (c?.note) throw new FakeError('InvalidArgument', 'The cell already has a note.');
              book.setFill(nameOf(), top, left, c?.fill, content);
            },
          }),
        },
      });
      return ws;
    }

    function customProperties(nameOf: () => string): any {
      const props = () => {
        let m = fake.customProperties.get(nameOf());
        if (!m) fake.customProperties.set(nameOf(), (m = new Map()));
        return m;
      };
      return loadable(() => ({ items: [...props()].map(([key, value]) => ({ key, value })) }), {
        add: (key: string, value: string) => queue.push({
          bytes: payloadBytes([key, value]),
          run: () => {
            if (key.length > 255) throw new FakeError('InvalidArgument', 'A custom property key is at most 255 characters.');
            const same = [...props().keys()].find((k) => k.toLowerCase() === key.toLowerCase());
            props().set(same ?? key, String(value));
          },
        }),
        getItem: (key: string) => ({
          delete: () => queue.push({
            bytes: 20,
            run: () => {
              const same = [...props().keys()].find((k) => k.toLowerCase() === key.toLowerCase());
              if (same === undefined) throw new FakeError('ItemNotFound', `There is no custom property ${key}.`);
              props().delete(same);
            },
          }),
        }),
      });
    }

    // Each item's collections are not part of what a load answers (not enumerable, so not counted as payload).
    const sheetItem = (name: string) => Object.defineProperty({ name }, 'customProperties', { get: () => customProperties(() => name), enumerable: false });
    const sheets: any = loadable(() => ({ items: book.sheets.map((s) => sheetItem(s.name)) }), {
      getItem: (nameOrId: string) => worksheet(() => nameOrId.replace(/^id:/, '')),
      getItemOrNullObject: (name: string) => { const ws = worksheet(() => name); ws.load('isNullObject'); return ws; },
      add: (name: string) => {
        queue.push({ bytes: 40, run: () => { if (book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new FakeError('ItemAlreadyExists', `A sheet named ${name} exists.`); book.addSheet(name); } });
        return worksheet(() => name);
      },
      onChanged: {
        add: (h: (e: ChangedArgs) => Promise<void>) => {
          fake.handlers.add(h);
          return { remove: () => fake.handlers.delete(h), context: { sync: async () => undefined } };
        },
      },
    });
    const settingsStore = book.settings;
    ctx.workbook = Object.assign(loadable(() => ({ name: book.name })), {
      worksheets: sheets,
      onSelectionChanged: {
        add: (h: () => Promise<void>) => {
          fake.selectionHandlers.add(h);
          return { remove: () => fake.selectionHandlers.delete(h), context: { sync: async () => undefined } };
        },
      },
      getSelectedRange: () => range(() => book.selection.sheet, () => book.selection),
      functions: {
        date: (y: number, m: number, d: number) => loadable(() => {
          const serial1900 = (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
          return { value: book.date1904 ? serial1900 - 1462 : serial1900 };
        }),
      },
      settings: {
        getItemOrNullObject: (key: string) => loadable(() => (settingsStore.has(key) ? { isNullObject: false, value: settingsStore.get(key) } : { isNullObject: true })),
        add: (key: string, value: string) => queue.push({ bytes: payloadBytes(value), run: () => { settingsStore.set(key, value); } }),
      },
    });
    return batch(ctx);
  }
}
