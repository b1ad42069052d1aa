/**
 * The benchmarks: `npm run bench` (full; writes docs/PERFORMANCE.md) or `npm run bench -- --quick`
 * (`BENCH_QUICK=1`; small sizes for CI, writes nothing unless `--out` is given).
 *
 * Options: `--only posting,concurrency,checking,tracing,recall,picking,lookup,memory,remote` runs some sections; `--out FILE` writes
 * the report there; `--json FILE` writes the figures as JSON.
 * Each section measures its figures against a floor taken in the same run (see lib/report.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bigLedger, type BigLedger } from './lib/big-ledger-file';
import { FULL, QUICK, type BenchContext } from './lib/context';
import { describeMachine, loadNow } from './lib/machine';
import { markdown, printTable, type Figure, type RunInfo } from './lib/report';
import { posting } from './posting';
import { concurrency } from './concurrency';
import { checking } from './checking';
import { tracing } from './tracing';
import { picking } from './picking';
import { memory } from './memory';
import { remote } from './remote';
import { recallBench } from './recall';
import { lookupBench } from './lookup';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECTIONS = { posting, concurrency, checking, tracing, recall: recallBench, picking, lookup: lookupBench, memory, remote } as const;
type SectionName = keyof typeof SECTIONS;

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const only = arg('only')?.split(',').map((s) => s.trim()) as SectionName[] | undefined;
for (const s of only ?? []) if (!(s in SECTIONS)) throw new Error(`--only: no section '${s}'; sections: ${Object.keys(SECTIONS).join(', ')}`);
const out = arg('out') ?? (quick || only ? undefined : path.join(here, '../docs/PERFORMANCE.md'));

const log = (s: string) => console.log(s);
const startedAt = new Date();
const machine = describeMachine();
const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-bench-'));
const notes: RunInfo['notes'] = {};
let ledger: Promise<BigLedger> | null = null;
const sizes = quick ? QUICK : FULL;
const ctx: BenchContext = {
  quick, sizes, dir, log, notes,
  note: (section, sentence) => { (notes[section] ??= []).push(sentence); },
  ledger: () => (ledger ??= bigLedger({ lots: sizes.ledgerLots, serials: sizes.ledgerSerials, log: (s) => log(`  ${s}`) })),
};

log(`LotLedger bench (${quick ? 'quick' : 'full'}) on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}; load ${machine.loadStart.toFixed(2)}`);
const figures: Figure[] = [];
const skipped: string[] = [];
try {
  for (const name of Object.keys(SECTIONS) as SectionName[]) {
    if (only && !only.includes(name)) continue;
    log(`\n${name} …`);
    const t0 = performance.now();
    try {
      figures.push(...(await SECTIONS[name](ctx)));
    } catch (e) {
      const reason = (e as Error).stack ?? String(e);
      console.error(`${name} failed: ${reason}`);
      skipped.push(`${name}: failed — ${(e as Error).message.split('\n')[0]}`);
    }
    log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
// The targets are set for the full sizes; at quick sizes (cold JIT, tiny ledgers) they say nothing.
if (quick) for (const f of figures) delete f.target;
machine.loadEnd = loadNow();
const seconds = (Date.now() - startedAt.getTime()) / 1000;
log('');
printTable(figures, log);
log(`\n${figures.length} figures in ${seconds.toFixed(0)} s; load ${machine.loadStart.toFixed(2)} → ${machine.loadEnd.toFixed(2)}`);
if (out) {
  const prose = readFileSync(path.join(here, 'PERFORMANCE-notes.md'), 'utf8');
  const run: RunInfo = { machine, startedAt, seconds, mode: quick ? 'quick' : 'full', command: quick ? 'npm run bench -- --quick' : 'npm run bench', notes, skipped };
  writeFileSync(out, markdown(figures, run, prose));
  log(`wrote ${path.relative(process.cwd(), out)}`);
}
const json = arg('json');
if (json) writeFileSync(json, JSON.stringify({ machine, startedAt, seconds, figures, skipped }, null, 2));
if (skipped.length) {
  console.error(`\n${skipped.length} section(s) failed:\n  ${skipped.join('\n  ')}`);
  process.exitCode = 1;
}
