/**
 * The pane's own check of a table read from the sheet: Excel's damage and the shared rules,
 * before the server's dry run.
 */
import type { Problem } from '../../shared/problems';
import type { MovementType, RawRow } from '../../shared/rows';
import { checkRowsFields, type MasterData } from '../../shared/rules';
import type { RegionData } from './cells';
import { mergeProblems } from './marks';
import { checkMasterRows } from './master-check';
import { masterRows, movementRows, type SheetRows, type Table } from './table';

export interface TableChecked {
  /** The rows read, with the sheet row each came from. */
  read: SheetRows<RawRow | Record<string, unknown>>;
  /** Damage first, then the rules' problems, by row. */
  problems: Problem[];
}

export interface CheckTableOptions {
  /** The item master and locations; movement tables only. */
  master: MasterData | null;
  date1904: boolean;
  defaultType: MovementType;
  today: string;
}

/**
 * Reads a table's rows and checks them: movements with the row rules against the master data,
 * items, locations and parties with the master-data checks.
 */
export function checkTable(data: RegionData, table: Table, opts: CheckTableOptions): TableChecked {
  if (table.kind === 'movements') {
    const { today, defaultType } = opts;
    const read = movementRows(data, table as Table<'movements'>, { date1904: opts.date1904, defaultType, today });
    return { read, problems: mergeProblems(read.damage, checkRowsFields(read.rows, opts.master!, { today, defaultType }).problems) };
  }
  const read = masterRows(data, table as Table<'items'>);
  return { read, problems: mergeProblems(read.damage, checkMasterRows(table.kind, read.rows).problems) };
}
