/**
 * The bench's figures, each beside its floor taken in the same run, printed as a table and
 * written as docs/PERFORMANCE.md.
 */
import { fmt } from './stats';
import type { Machine } from './machine';

export interface Figure {
  section: 'Posting' | 'Concurrency' | 'Checking' | 'Tracing' | 'Recall' | 'Picking' | 'Lookups' | 'Memory' | 'Remote path';
  what: string;
  value: number;
  unit: string;
  floorWhat: string;
  floorValue: number;
  /** 'higher' for throughput (ratio = value / floor), 'lower' for time and memory (ratio = value / floor). */
  better: 'higher' | 'lower';
  /** The target in words and whether this run met it; absent when the issue sets none. */
  target?: { text: string; met: boolean };
  /** p50 / p95 / max for latencies, shown beside the p95 value. */
  detail?: string;
}

export const ratio = (f: Figure): number => f.value / f.floorValue;

const ratioText = (f: Figure) => `${ratio(f).toFixed(2)}×`;
const valueText = (f: Figure) => `${fmt(f.value)} ${f.unit}`;

/** The table for the terminal. */
export function printTable(figures: readonly Figure[], log: (s: string) => void): void {
  const rows = figures.map((f) => [f.section, f.what, valueText(f) + (f.detail ? ` (${f.detail})` : ''), `${fmt(f.floorValue)} ${f.unit}`, ratioText(f), f.target ? `${f.target.met ? 'met' : 'MISSED'}: ${f.target.text}` : '']);
  const head = ['section', 'figure', 'value', 'floor', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  log(line(head));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) log(line(r));
}

export interface RunInfo {
  machine: Machine;
  startedAt: Date;
  seconds: number;
  mode: 'full' | 'quick';
  command: string;
  /** Sentences about what was measured how (sizes, runs), per section. */
  notes: Partial<Record<Figure['section'], string[]>>;
  /** Sections that did not run, with the reason. */
  skipped: string[];
}

/** docs/PERFORMANCE.md: the machine, the date and every figure with its floor and ratio; `prose` is appended as written. */
export function markdown(figures: readonly Figure[], run: RunInfo, prose: string): string {
  const m = run.machine;
  const out: string[] = [
    '# Performance',
    '',
    `Written by \`${run.command}\` on ${run.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC (${run.mode} run, ${Math.round(run.seconds)} s). Do not edit by hand: run the bench again.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB memory, ${m.os}, Node ${m.node}. `
      + `Load average (1 min) ${m.loadStart.toFixed(2)} at the start and ${(m.loadEnd ?? m.loadStart).toFixed(2)} at the end `
      + `(the machine is shared: a load near 0 means the figures had both cores; ${m.cores} means they shared them).`,
    '',
    'Every figure is measured against a floor taken in the same run on the same machine. The ratio is the figure divided by its floor: '
      + 'for a throughput, the share of the floor\'s speed reached (higher is better); for a time or a memory peak, how many times the floor it takes (lower is better).',
    '',
  ];
  const sections = [...new Set(figures.map((f) => f.section))];
  for (const s of sections) {
    out.push(`## ${s}`, '');
    out.push('| figure | value | floor | ratio | target |', '|---|---:|---|---:|---|');
    for (const f of figures.filter((x) => x.section === s)) {
      const value = `${valueText(f)}${f.detail ? `<br>${f.detail}` : ''}`;
      const target = f.target ? `${f.target.met ? '✅' : '❌'} ${f.target.text}` : '';
      out.push(`| ${f.what} | ${value} | ${f.floorWhat}: ${fmt(f.floorValue)} ${f.unit} | ${ratioText(f)} | ${target} |`);
    }
    out.push('');
    for (const n of run.notes[s] ?? []) out.push(n, '');
  }
  if (run.skipped.length) out.push('## Not measured in this run', '', ...run.skipped.map((s) => `- ${s}`), '');
  out.push(prose.trim(), '');
  return out.join('\n');
}
