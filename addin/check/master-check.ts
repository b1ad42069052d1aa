/** The master-data checks of each kind of master sheet, behind one call: items, locations, parties. */
import { checkItemRows, checkLocationRows } from '../../shared/master';
import { checkPartyRows } from '../../shared/parties';
import type { Problem } from '../../shared/problems';
import type { Item, Location } from '../../shared/rows';
import type { Party } from '../../shared/parties';

export type MasterKind = 'items' | 'locations' | 'parties';

export type MasterChecked =
  | { kind: 'items'; rows: Item[]; problems: Problem[] }
  | { kind: 'locations'; rows: Location[]; problems: Problem[] }
  | { kind: 'parties'; rows: Party[]; problems: Problem[] };

/**
 * Checks rows read from a master sheet with the server's own rules; answers the cleaned rows and the problems.
 * @example checkMasterRows('parties', [{ name: 'Green Farm', kind: 'farm' }]).rows[0] // { name: 'Green Farm', kind: 'supplier', … }
 */
export function checkMasterRows(kind: MasterKind, raw: readonly unknown[]): MasterChecked {
  switch (kind) {
    case 'items': { const r = checkItemRows(raw); return { kind, rows: r.items, problems: r.problems }; }
    case 'locations': { const r = checkLocationRows(raw); return { kind, rows: r.locations, problems: r.problems }; }
    case 'parties': { const r = checkPartyRows(raw); return { kind, rows: r.parties, problems: r.problems }; }
  }
}
