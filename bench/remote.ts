/**
 * The remote path: the posting bench against the Worker in workerd over sqld. A Workers
 * deployment takes at most WORKER_LIMITS.maxRows rows a request, so the sheet goes in parts of
 * that size, one after another, as the pane posts a larger sheet. Floor: the same rows as
 * 500-row INSERTs over HTTP to the same sqld, one write batch per part.
 */
import { createClient as createWebClient } from '@libsql/client/web';
import { WORKER_LIMITS } from '../server/worker-limits';
import type { BenchContext } from './lib/context';
import { floorInsert } from './lib/floor';
import type { Figure } from './lib/report';
import { startRemote } from './lib/remote';
import { batchBody, serialReceipts, timedPost } from './lib/sheets';

export async function remote(ctx: BenchContext): Promise<Figure[]> {
  const { remoteRows: n, remotePart: part } = ctx.sizes;
  const t0 = performance.now();
  const r = await startRemote(ctx.dir);
  ctx.log(`  sqld and workerd up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  try {
    await timedPost(r.workerUrl, r.token, batchBody(serialReceipts(100, 'warm')), 100);
    const rows = serialReceipts(n, 'remote');
    let seconds = 0;
    for (let i = 0; i < n; i += part) {
      const chunk = rows.slice(i, i + part);
      seconds += await timedPost(r.workerUrl, r.token, batchBody(chunk), chunk.length);
    }
    const db = createWebClient({ url: r.sqldUrl });
    const floor = await floorInsert(db, rows, { batchRows: part });
    db.close();
    ctx.log(`  workerd over sqld: ${n} rows in ${seconds.toFixed(2)} s; floor ${Math.round(floor)} rows/s`);
    ctx.note('Remote path', `The Worker bundle that \`wrangler deploy\` uploads, served by workerd (Miniflare, server/dev/workerd.ts) over a local sqld reached by HTTP, as on Cloudflare with Turso but with no network between them. `
      + `${n.toLocaleString('en-US')} serial receiving rows posted in ${Math.ceil(n / part)} requests of ${part.toLocaleString('en-US')} rows (the Workers limit is ${WORKER_LIMITS.maxRows.toLocaleString('en-US')} rows a request), one after another, after a 100-row warm-up; rows/s over the sum of their times. `
      + 'The floor sends the same rows to the same sqld with @libsql/client/web as 500-row `INSERT … VALUES` statements into an empty movement-shaped table, one write batch per part.');
    return [{
      section: 'Remote path', what: `${n.toLocaleString('en-US')} serial units in parts of ${part.toLocaleString('en-US')}, HTTP to workerd over sqld`,
      value: n / seconds, unit: 'rows/s', floorWhat: 'same rows, 500-row INSERTs over HTTP to the same sqld', floorValue: floor, better: 'higher',
    }];
  } finally {
    await r.stop();
  }
}
