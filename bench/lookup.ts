/**
 * Lookups: POST /v1/lookup with 10,000 entries (what a column of formulas asks in one
 * recalculation) on the large ledger — on hand by lot, lots and serial units, a tenth of them
 * unknown — against the same entries asked one request each, as cells without batching would.
 */
import { openDatabase } from '../server/db/client';
import { lookup } from '../server/ledger/cell-lookups';
import { MAX_LOOKUP_ENTRIES, type LookupRequest } from '../shared/lookup-answers';
import type { BenchContext } from './lib/context';
import type { Figure } from './lib/report';
import { serveForBench } from './lib/serve';
import { fmt, now, picker, timeEach } from './lib/stats';

export async function lookupBench(ctx: BenchContext): Promise<Figure[]> {
  const ledger = await ctx.ledger();
  const db = await openDatabase(`file:${ledger.file}`);
  const ws = ledger.workspaceId;
  const r = picker(11);
  /** A request of `n` entries in all: a third on hand by lot, a third lots, a third serials; one in ten unknown. */
  const request = (n: number): LookupRequest => {
    const lot = () => { const l = ledger.lots[r(ledger.lots.length)]; return r(10) === 0 ? { sku: l.sku, lot: 'NOPE' } : l; };
    const third = Math.floor(n / 3);
    return {
      onHand: Array.from({ length: n - 2 * third }, lot),
      lots: Array.from({ length: third }, lot),
      serials: Array.from({ length: third }, () => { const s = ledger.serials[r(ledger.serials.length)]; return { serial: r(10) === 0 ? 'NOPE' : s.serial, sku: s.sku }; }),
    };
  };
  const runs = ctx.quick ? 3 : 10;
  ctx.note('Lookups', `Lookups: ${runs} requests of ${MAX_LOOKUP_ENTRIES.toLocaleString('en-US')} random entries of the large ledger (see Tracing) over HTTP on one connection, against 300 single-entry requests timed one after another and scaled to as many entries — what a column of cell functions would cost without batching.`);
  const figures: Figure[] = [];
  try {
    const http = await serveForBench(db, ws);
    try {
      const bodies = Array.from({ length: runs + 2 }, () => JSON.stringify(request(MAX_LOOKUP_ENTRIES)));
      const batched = await timeEach(runs, (i) => http.post('/v1/lookup', bodies[i]), 2);
      // The floor: the same kind of entries one request each, as 10,000 unbatched cells would ask.
      const single = 300;
      const singles = Array.from({ length: single }, () => JSON.stringify(request(1)));
      const t0 = now();
      for (const b of singles) await http.post('/v1/lookup', b);
      const perEntry = (now() - t0) / single;
      const unbatched = perEntry * MAX_LOOKUP_ENTRIES;
      ctx.log(`  POST /v1/lookup of ${MAX_LOOKUP_ENTRIES.toLocaleString('en-US')} entries: p50 ${fmt(batched.p50)} ms, p95 ${fmt(batched.p95)} ms; one entry a request: ${fmt(perEntry)} ms each, ${fmt(unbatched)} ms for as many`);
      figures.push({
        section: 'Lookups', what: `POST /v1/lookup, ${MAX_LOOKUP_ENTRIES.toLocaleString('en-US')} entries (on hand, lots, serials; 1 in 10 unknown)`,
        value: batched.p95, unit: 'ms p95', detail: `p50 ${fmt(batched.p50)}, max ${fmt(batched.max)} ms`,
        floorWhat: `the same entries one request each (${fmt(perEntry)} ms × ${MAX_LOOKUP_ENTRIES.toLocaleString('en-US')})`, floorValue: unbatched, better: 'lower',
      });
      const inProcess = await timeEach(runs, () => lookup(db, ws, request(MAX_LOOKUP_ENTRIES)), 2);
      ctx.log(`  lookup() in process: p50 ${fmt(inProcess.p50)} ms, p95 ${fmt(inProcess.p95)} ms`);
      figures.push({
        section: 'Lookups', what: 'lookup of 10,000 entries (ledger function)', value: inProcess.p95, unit: 'ms p95',
        detail: `p50 ${fmt(inProcess.p50)}, max ${fmt(inProcess.max)} ms`, floorWhat: 'the same over HTTP, p95', floorValue: batched.p95, better: 'lower',
      });
    } finally {
      await http.close();
    }
  } finally {
    db.close();
  }
  return figures;
}
