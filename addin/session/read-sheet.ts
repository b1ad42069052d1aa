/**
 * Reading the checked table through the workbook port: the region around the selection, its
 * header mapped (a mapping the user corrected is remembered in the workbook), and the cells a
 * later edit changed.
 */
import type { ColumnMap, SheetKind } from '../../shared/columns';
import type { Region, RegionData } from '../check/cells';
import { headerSignature, locateTable, widenHashedText, type ColumnOf, type Table } from '../check/table';
import type { Progress, WorkbookInfo, WorkbookPort } from '../workbook/port';

export const MAPPING_SETTING = 'lotledger.columnMapping';

/** The table region around the selection, read in chunks; null when there is none. */
export async function readRegion(port: WorkbookPort, progress: Progress): Promise<{ data: RegionData; info: WorkbookInfo } | null> {
  const region = await port.tableRegion();
  if (!region) return null;
  const info = await port.info();
  const data = widenHashedText(await port.read(region, progress), info.date1904);
  return { data, info };
}

async function rememberedMappings(port: WorkbookPort): Promise<Record<string, ColumnMap<string>>> {
  try {
    return JSON.parse((await port.getSetting(MAPPING_SETTING)) ?? '{}');
  } catch {
    return {};
  }
}

/**
 * The table in what was read, its columns mapped by a mapping given (which is then remembered
 * for these headers), else one remembered for them, else by the headers' names.
 */
export async function mappedTable(port: WorkbookPort, kind: SheetKind, data: RegionData, mapping?: ColumnMap<string>): Promise<Table | null> {
  let table = locateTable(kind, data, null);
  if (!table) return null;
  const remembered = await rememberedMappings(port);
  const saved = mapping ?? remembered[headerSignature(table.headers)];
  if (saved) table = locateTable(kind, data, saved as ColumnMap<ColumnOf<typeof kind>>)!;
  if (mapping) {
    remembered[headerSignature(table.headers)] = mapping;
    await port.setSetting(MAPPING_SETTING, JSON.stringify(remembered));
  }
  return table;
}

/** The part of an edited region that falls on the table's data, or null when it misses them. */
export function editedCells(table: Table, region: Region): Region | null {
  const top = Math.max(region.top, table.dataTop);
  const bottom = Math.min(region.top + region.rows, table.dataTop + table.dataRows);
  const left = Math.max(region.left, table.left);
  const right = Math.min(region.left + region.cols, table.left + table.columns.length);
  if (top >= bottom || left >= right) return null;
  return { sheet: table.sheet, top, left, rows: bottom - top, cols: right - left };
}

/** Reads the edited cells again and puts them into the table held in memory. */
export async function rereadCells(port: WorkbookPort, data: RegionData, cells: Region, date1904: boolean): Promise<void> {
  const fresh = widenHashedText(await port.read(cells), date1904);
  for (let i = 0; i < fresh.rows; i++) {
    for (let j = 0; j < fresh.cols; j++) {
      const r = cells.top + i - data.top, c = cells.left + j - data.left;
      data.values[r][c] = fresh.values[i][j];
      data.text[r][c] = fresh.text[i][j];
      data.numberFormat[r][c] = fresh.numberFormat[i][j];
    }
  }
}
