/**
 * Which cells a refreshed report would write over that hold the user's data: the cells of the
 * new report outside the old report's own (footprint.ts), read through the port, the filled
 * ones named by address.
 */
import { cellsBeyond, footprintOf } from '../../workbook/footprint';
import { cellAddress } from '../../workbook/address';
import type { ReportRecord, ReportSheet, WorkbookPort } from '../../workbook/port';

export async function userCellsUnder(port: WorkbookPort, sheet: string, old: ReportRecord, next: ReportSheet): Promise<string[]> {
  const cells: string[] = [];
  for (const box of cellsBeyond(footprintOf(next), old.footprint)) {
    const data = await port.read({ sheet, ...box });
    data.values.forEach((row, i) => row.forEach((v, j) => {
      if (v !== '' && v !== null) cells.push(cellAddress(box.top + i, box.left + j));
    }));
  }
  return cells;
}

/**
 * A few addresses and how many in all.
 * @example someCells(['F3', 'F4', 'F5', 'F6', 'F7']) // 'F3, F4, F5 and 2 more'
 */
export function someCells(cells: readonly string[], shown = 3): string {
  if (cells.length <= shown) return cells.join(', ');
  return `${cells.slice(0, shown).join(', ')} and ${cells.length - shown} more`;
}
