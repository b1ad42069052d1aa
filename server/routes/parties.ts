import { checkPartyRows } from '../../shared/parties';
import { loadParties, upsertParties } from '../ledger/parties';
import { masterListRoutes } from './master-list';

/** Parties (suppliers, customers): every role reads, admins upsert by name. */
export const partyRoutes = (maxRows: number) => masterListRoutes({
  key: 'parties', one: 'party', load: loadParties, upsert: upsertParties,
  check: (raw) => { const { parties, problems } = checkPartyRows(raw); return { rows: parties, problems }; },
}, maxRows);
