/** Excel's list data validation in the preview: which list a cell offers, and whether a typed value passes. */
import type { Sheet } from './workbook';

/** The values a cell's drop-down offers, or undefined when its column has no list there. */
export function choicesAt(sheet: Sheet, row: number, col: number): string[] | undefined {
  const list = sheet.lists.get(col);
  return list && row >= list.top ? list.values : undefined;
}

/**
 * Why a value typed into a cell is refused (Excel's "Stop" alert), or null when it may stay:
 * a blank or a value of the list passes; pasting is not checked, as in Excel.
 * @example refusal(['COLD-1'], 'COLD-9') // '“COLD-9” is not in this column’s list (COLD-1).'
 */
export function refusal(choices: readonly string[] | undefined, typed: string): string | null {
  const t = typed.trim();
  if (!choices || t === '' || choices.some((c) => c.toLowerCase() === t.toLowerCase())) return null;
  const shown = choices.length > 6 ? `${choices.slice(0, 6).join(', ')}, …` : choices.join(', ');
  return `“${t}” is not in this column’s list (${shown}).`;
}
