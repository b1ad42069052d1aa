/**
 * A report's own cells: its lines (column A) and its tables (header and rows, from column A),
 * as runs of rows. A Refresh clears the old runs and writes the new ones; cells of the new
 * runs outside the old ones may hold the user's data, which the pane asks about first.
 */
import type { Box } from './address';
import type { ReportSheet, RowRun } from './port';

/** The runs of rows a report writes. */
export function footprintOf(report: ReportSheet): RowRun[] {
  return [
    ...report.lines.map((l) => ({ top: l.row, rows: 1, cols: 1 })),
    ...report.tables.map((t) => ({ top: t.top, rows: t.rows.length + 1, cols: t.columns.length })),
  ];
}

/** Columns the runs cover at rows from `top` while no run starts or ends. */
const widthAt = (runs: readonly RowRun[], row: number) => runs.reduce((w, r) => (row >= r.top && row < r.top + r.rows ? Math.max(w, r.cols) : w), 0);

/**
 * The boxes of cells `next` covers and `prev` does not (runs start at column A, so per row
 * that is the columns from prev's width to next's).
 * @example cellsBeyond([{ top: 1, rows: 5, cols: 2 }], [{ top: 1, rows: 3, cols: 2 }]) // [{ top: 4, left: 0, rows: 2, cols: 2 }]
 */
export function cellsBeyond(next: readonly RowRun[], prev: readonly RowRun[]): Box[] {
  const edges = [...new Set([...next, ...prev].flatMap((r) => [r.top, r.top + r.rows]))].sort((a, b) => a - b);
  const boxes: Box[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const top = edges[i];
    const rows = edges[i + 1] - top;
    const from = widthAt(prev, top);
    const to = widthAt(next, top);
    if (to <= from) continue;
    const last = boxes.at(-1);
    if (last && last.top + last.rows === top && last.left === from && last.cols === to - from) last.rows += rows;
    else boxes.push({ top, left: from, rows, cols: to - from });
  }
  return boxes;
}
