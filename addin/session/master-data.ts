/** Saving an item, location or party table to the master data (admin), checked as the pane checked it. */
import type { ApiClient } from '../api/client';
import { checkMasterRows, type MasterKind } from '../check/master-check';

/** Sends the rows of a master table; answers how many the server saved. */
export async function saveMasterRows(api: ApiClient, kind: MasterKind, rows: readonly unknown[]): Promise<number> {
  const checked = checkMasterRows(kind, rows);
  const answer = checked.kind === 'items' ? await api.postItems(checked.rows)
    : checked.kind === 'locations' ? await api.postLocations(checked.rows)
      : await api.postParties(checked.rows);
  return answer.upserted;
}
