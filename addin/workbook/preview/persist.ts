/**
 * The preview workbook kept in the page's local storage, so a reload finds it as it was: its
 * sheets (cells, formats, lists, tables), the selection and the workbook's settings.
 */
import type { Cell, PreviewWorkbook, Selection } from './workbook';

export const STORAGE_KEY = 'lotledger.previewWorkbook';
/** Writes wait until the workbook has been still this long, so a burst of edits (a check marking thousands of cells) is saved once. */
const SAVE_PAUSE_MS = 400;
/**
 * A workbook with more cells than this is not kept: its text would not fit the few megabytes
 * local storage holds, and writing it would slow the pane while it checks a large sheet.
 */
export const MAX_KEPT_CELLS = 50_000;

interface Saved {
  version: 1;
  date1904: boolean;
  selection: Selection;
  settings: [string, string][];
  sheets: {
    name: string;
    cells: [string, Cell][];
    columnFormats: [number, string][];
    lists: [number, { top: number; values: string[] }][];
    tables?: { address: string; columns: string[] }[];
    frozenRows?: number;
  }[];
}

/** The workbook as JSON text. */
export function saveText(wb: PreviewWorkbook): string {
  const saved: Saved = {
    version: 1,
    date1904: wb.date1904,
    selection: wb.selection,
    settings: [...wb.settings],
    sheets: wb.sheets.map((s) => ({
      name: s.name,
      cells: [...s.cells].filter(([, c]) => c.value !== '' || c.fill || c.note || c.format),
      columnFormats: [...s.columnFormats],
      lists: [...s.lists],
      tables: s.tables,
      frozenRows: s.frozenRows,
    })),
  };
  return JSON.stringify(saved);
}

/** Puts a saved workbook into an empty one; false (and nothing changed) when the text is not one. */
export function restoreText(wb: PreviewWorkbook, text: string | null): boolean {
  let saved: Saved;
  try {
    saved = JSON.parse(text ?? '');
  } catch {
    return false;
  }
  if (saved?.version !== 1 || !Array.isArray(saved.sheets) || saved.sheets.length === 0) return false;
  wb.sheets.splice(0);
  for (const s of saved.sheets) {
    wb.sheets.push({
      name: s.name, cells: new Map(s.cells), columnFormats: new Map(s.columnFormats), lists: new Map(s.lists),
      ...(s.tables ? { tables: s.tables } : {}), ...(s.frozenRows ? { frozenRows: s.frozenRows } : {}),
    });
  }
  wb.date1904 = saved.date1904;
  wb.settings.clear();
  for (const [k, v] of saved.settings) wb.settings.set(k, v);
  const sheet = wb.sheets.some((s) => s.name === saved.selection?.sheet) ? saved.selection.sheet : wb.sheets[0].name;
  wb.select(sheet === saved.selection?.sheet ? saved.selection : { sheet, top: 0, left: 0, rows: 1, cols: 1 });
  return true;
}

/**
 * Restores the workbook from storage, then saves it there once changes pause;
 * `flush` saves a change still waiting (the page is going away), `stop` ends the keeping.
 */
export function keepInStorage(wb: PreviewWorkbook, storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): { flush(): void; stop(): void } {
  restoreText(wb, storage.getItem(STORAGE_KEY));
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    timer = null;
    try {
      // Too large to keep: a reload starts from an empty workbook rather than an older copy.
      if (wb.sheets.reduce((n, s) => n + s.cells.size, 0) > MAX_KEPT_CELLS) storage.removeItem(STORAGE_KEY);
      else storage.setItem(STORAGE_KEY, saveText(wb));
    } catch {
      // Storage full: the workbook still works, it is just not kept.
    }
  };
  const stop = wb.onRender(() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_PAUSE_MS);
  });
  return {
    flush() {
      if (timer) { clearTimeout(timer); save(); }
    },
    stop() {
      stop();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
