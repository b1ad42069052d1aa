import { checkItemRows } from '../../shared/master';
import { loadItems, upsertItems } from '../ledger/master-data';
import { masterListRoutes } from './master-list';

/** Item master: every role reads, admins upsert by sku. */
export const itemRoutes = (maxRows: number) => masterListRoutes({
  key: 'items', one: 'item', load: loadItems, upsert: upsertItems,
  check: (raw) => { const { items, problems } = checkItemRows(raw); return { rows: items, problems }; },
}, maxRows);
