import { checkLocationRows } from '../../shared/master';
import { loadLocations, upsertLocations } from '../ledger/master-data';
import { masterListRoutes } from './master-list';

/** Locations: every role reads, admins upsert by code. */
export const locationRoutes = (maxRows: number) => masterListRoutes({
  key: 'locations', one: 'location', load: loadLocations, upsert: upsertLocations,
  check: (raw) => { const { locations, problems } = checkLocationRows(raw); return { rows: locations, problems }; },
}, maxRows);
