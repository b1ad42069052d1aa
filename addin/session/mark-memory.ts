/**
 * The cells the pane has marked, remembered in the workbook's settings per sheet, so a later
 * check — after the pane was closed, the page reloaded, or the sheet reused for another kind
 * of table — can take away marks and notes an earlier check left.
 */
import type { WorkbookPort } from '../workbook/port';

export const MARKS_SETTING = 'lotledger.marks';

type Cell = { row: number; col: number };

async function remembered(port: WorkbookPort): Promise<Record<string, string>> {
  try {
    const parsed = JSON.parse((await port.getSetting(MARKS_SETTING)) ?? '{}');
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    return {};
  }
}

/** Remembers the cells now marked on a sheet (none: the sheet is forgotten). */
export async function rememberMarks(port: WorkbookPort, sheet: string, cells: readonly Cell[]): Promise<void> {
  const all = await remembered(port);
  const text = cells.map((c) => `${c.row},${c.col}`).join(';');
  if ((all[sheet] ?? '') === text) return;
  if (text === '') delete all[sheet];
  else all[sheet] = text;
  await port.setSetting(MARKS_SETTING, JSON.stringify(all));
}

/** The cells an earlier check marked on a sheet, as remembered. */
export async function rememberedMarks(port: WorkbookPort, sheet: string): Promise<Cell[]> {
  const text = (await remembered(port))[sheet] ?? '';
  return text === '' ? [] : text.split(';').map((p) => {
    const [row, col] = p.split(',').map(Number);
    return { row, col };
  }).filter((c) => Number.isInteger(c.row) && Number.isInteger(c.col));
}
