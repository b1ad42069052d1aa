/**
 * The benchmarks cannot rot: their quick mode runs every section end to end (real server,
 * real Chromium, workerd over sqld) and must print a figure and a floor for each. Speed is
 * measured by `npm run bench`, not asserted here.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'lotledger-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench -- --quick', () => {
  it('measures every section against its floor, prints the table and writes the report where asked', async () => {
    const out = path.join(dir, 'PERFORMANCE.md');
    const json = path.join(dir, 'figures.json');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out, '--json', json], {
      cwd: repoRoot, maxBuffer: 16 * 1024 * 1024, timeout: 120_000,
    }).catch((e: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`the quick bench failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
    });
    const result = JSON.parse(readFileSync(json, 'utf8')) as { skipped: string[]; figures: { section: string; what: string; value: number; floorValue: number }[] };
    expect(result.skipped).toEqual([]);
    expect([...new Set(result.figures.map((f) => f.section))]).toEqual(['Posting', 'Concurrency', 'Checking', 'Tracing', 'Recall', 'Picking', 'Lookups', 'Memory', 'Remote path']);
    for (const f of result.figures) {
      expect(f.value, f.what).toBeGreaterThan(0);
      expect(f.floorValue, f.what).toBeGreaterThan(0);
      expect(stdout).toContain(f.what);
    }
    const report = readFileSync(out, 'utf8');
    expect(report).toMatch(/Machine: .+, \d+ cores, \d+ GB memory/);
    expect(report).toContain('| figure | value | floor | ratio |');
  }, 150_000);
});
