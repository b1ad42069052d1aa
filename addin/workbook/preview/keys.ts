/** Where the selection goes when a key is pressed in the grid, as in Excel. */
import type { Selection } from './workbook';

/** Rows and columns the preview sheet has (Excel's own limits). */
export const MAX_ROW = 1_048_575;
export const MAX_COL = 16_383;

const MOVES: Record<string, [number, number]> = {
  ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1],
};

/**
 * The selection after a move key (arrows, Shift widening; Tab and Enter, Shift going back), or null
 * for any other key. Moves stop at the sheet's edges.
 * @example moved({ sheet: 'S', top: 0, left: 0, rows: 1, cols: 1 }, 'Enter', false)?.top // 1
 */
export function moved(sel: Selection, key: string, shift: boolean): Selection | null {
  let d = MOVES[key];
  if (key === 'Tab') d = [0, shift ? -1 : 1];
  if (key === 'Enter') d = [shift ? -1 : 1, 0];
  if (!d) return null;
  // Shift with an arrow widens the selection from its top-left cell.
  if (shift && key.startsWith('Arrow')) {
    return { ...sel, rows: Math.max(1, sel.rows + d[0]), cols: Math.max(1, sel.cols + d[1]) };
  }
  const top = Math.min(MAX_ROW, Math.max(0, sel.top + d[0]));
  const left = Math.min(MAX_COL, Math.max(0, sel.left + d[1]));
  return { sheet: sel.sheet, top, left, rows: 1, cols: 1 };
}
