import { Hono } from 'hono';
import { requireRole } from '../auth/roles';
import type { AppEnv } from '../env';
import { MOVEMENT_COLUMNS } from '../ledger/movement-rows';
import { traceLot, traceSerial } from '../ledger/trace';
import { answer, optionalText, requiredText, wantsCsv } from './report-query';

/**
 * Lot and serial trace (docs/API.md "Trace and reports"); mounted under /v1 after auth.
 * As CSV each answers its movement list.
 */
export const traceRoutes = new Hono<AppEnv>();

traceRoutes.get('/trace/lot', requireRole('viewer'), async (c) => {
  const csvWanted = wantsCsv(c);
  const q = { sku: requiredText(c, 'sku'), lot: requiredText(c, 'lot') };
  const trace = await traceLot(c.get('store'), c.get('auth').workspaceId, q);
  return answer(c, trace, MOVEMENT_COLUMNS, trace.movements, csvWanted);
});

traceRoutes.get('/trace/serial', requireRole('viewer'), async (c) => {
  const csvWanted = wantsCsv(c);
  const q = { serial: requiredText(c, 'serial'), sku: optionalText(c, 'sku') };
  const trace = await traceSerial(c.get('store'), c.get('auth').workspaceId, q);
  return answer(c, trace, MOVEMENT_COLUMNS, trace.movements, csvWanted);
});
