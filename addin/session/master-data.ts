/** Saving an item or location table to the master data (admin), checked as the pane checked it. */
import { checkItemRows, checkLocationRows } from '../../shared/master';
import type { ApiClient } from '../api/client';

/** Sends the rows of an items or locations table; answers how many the server saved. */
export async function saveMasterRows(api: ApiClient, kind: 'items' | 'locations', rows: readonly unknown[]): Promise<number> {
  const answer = kind === 'items'
    ? await api.postItems(checkItemRows(rows).items)
    : await api.postLocations(checkLocationRows(rows).locations);
  return answer.upserted;
}
