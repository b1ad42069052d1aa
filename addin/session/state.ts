/** What the pane shows of a session: its phase and progress, the table found, and the problems listed. */
import type { SheetKind } from '../../shared/columns';
import type { Table } from '../check/table';
import type { Notice } from './notices';
import type { ListedProblem } from './problems';
import type { DuplicateGroup } from './posted';

export type Phase = 'idle' | 'reading' | 'checking' | 'posting';

export interface SessionState {
  phase: Phase;
  progress: { label: string; done: number; total: number } | null;
  kind: SheetKind;
  table: Table | null;
  rows: number;
  /** Rows a Post sends: neither posted before by this workbook nor skipped as repeats. */
  toPost: number;
  /** Rows this workbook posted before (recognised by their content), never offered again. */
  postedEarlier: number;
  /** Rows the ledger found repeating earlier batches, awaiting the clerk's choice (skip or post anyway). */
  duplicates: DuplicateGroup[];
  errors: number;
  warnings: number;
  problems: ListedProblem[];
  /** Sheet columns of lots or serials holding plain numbers (the pane offers to format them as Text). */
  numberColumns: number[];
  /** The server's dry run has checked the sheet as it is now. */
  serverChecked: boolean;
  /** Batch id of the last post ('saved' for master data), cleared by any edit of the table. */
  postedBatch: string | null;
  notice: Notice | null;
}

/** Nothing checked yet. */
export const initialState = (): SessionState => ({
  phase: 'idle', progress: null, kind: 'movements', table: null, rows: 0, toPost: 0, postedEarlier: 0, duplicates: [], errors: 0, warnings: 0, problems: [], numberColumns: [],
  serverChecked: false, postedBatch: null, notice: null,
});
