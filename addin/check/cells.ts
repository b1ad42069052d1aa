/**
 * The plain cell types the checks read and the marks they plan. The workbook port speaks in
 * the same types, so it takes them from here; this module imports nothing.
 */

/** What a cell holds: numbers (dates are serial numbers), text, booleans; '' when empty. */
export type CellValue = string | number | boolean;

/** A block of cells on one sheet; rows and columns are 0-based sheet coordinates. */
export interface Region {
  sheet: string;
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/** A region read with both what the cells hold and what they show. */
export interface RegionData extends Region {
  values: CellValue[][];
  /** The displayed text: identifiers are read from here so leading zeros survive. */
  text: string[][];
  numberFormat: string[][];
}

export type MarkSeverity = 'error' | 'warning';

/** One bad cell: filled in its severity's colour, explained by a note where the host has notes. */
export interface CellMark {
  row: number;
  col: number;
  severity: MarkSeverity;
  note: string;
}
