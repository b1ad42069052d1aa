import { Hono } from 'hono';
import { requireRole } from '../auth/roles';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { MOVEMENT_COLUMNS } from '../ledger/movement-rows';
import { traceLot, traceSerial } from '../ledger/trace';
import { genealogy } from '../ledger/transformation';
import type { CsvColumn } from '../ledger/csv';
import type { GenealogyAnswer } from '../../shared/recall-answers';
import { todayUtc } from '../../shared/dates';
import { answer, optionalText, requiredText, wantsCsv } from './report-query';

const NODE_COLUMNS: CsvColumn<GenealogyAnswer['nodes'][number]>[] = (['sku', 'lot', 'depth'] as const)
  .map((k) => ({ header: k, value: (r) => r[k] }));

/**
 * Lot and serial trace and a lot's genealogy (docs/API.md "Trace and reports", "Transformation");
 * mounted under /v1 after auth. As CSV each trace answers its movement list, the genealogy its
 * nodes. `now` is the app's clock: a warranty is active through its last UTC day.
 * @example v1.route('/', traceRoutesAt(() => new Date()))
 */
export function traceRoutesAt(now: () => Date): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get('/trace/lot', requireRole('viewer'), async (c) => {
    const csvWanted = wantsCsv(c);
    const q = { sku: requiredText(c, 'sku'), lot: requiredText(c, 'lot') };
    const trace = await traceLot(c.get('store'), c.get('auth').workspaceId, q);
    return answer(c, trace, MOVEMENT_COLUMNS, trace.movements, csvWanted);
  });

  r.get('/trace/serial', requireRole('viewer'), async (c) => {
    const csvWanted = wantsCsv(c);
    const q = { serial: requiredText(c, 'serial'), sku: optionalText(c, 'sku') };
    const trace = await traceSerial(c.get('store'), c.get('auth').workspaceId, q, todayUtc(now()));
    return answer(c, trace, MOVEMENT_COLUMNS, trace.movements, csvWanted);
  });

  r.get('/trace/genealogy', requireRole('viewer'), async (c) => {
    const csvWanted = wantsCsv(c);
    const direction = requiredText(c, 'direction');
    if (direction !== 'up' && direction !== 'down') {
      throw new ApiError('invalid_query', `Query parameter direction must be up or down, not "${direction}".`);
    }
    const q = { sku: requiredText(c, 'sku'), lot: requiredText(c, 'lot'), direction } as const;
    const tree = await genealogy(c.get('store'), c.get('auth').workspaceId, q);
    return answer(c, tree, NODE_COLUMNS, tree.nodes, csvWanted);
  });
  return r;
}
