import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The ledger is the domain (docs/DESIGN.md): it throws LedgerError(code) and knows no HTTP. The
// status and headers of each code are the app's (server/errors.ts), so nothing here imports Hono
// or the HTTP error module. And it knows no database driver: the ledger, auth, the routes and
// everything else of the server read and write through the storage port (db/port.ts); only the
// adapters under server/db/ hold a driver's client.
const ledger = import.meta.dirname;
const server = path.dirname(ledger);

/** Every import of the modules under `dir` (tests aside): packages by name, files by their path under server/. */
function importsOf(dir: string): { file: string; target: string }[] {
  const out: { file: string; target: string }[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/gm)) {
      const spec = m[1] ?? m[2];
      const target = spec.startsWith('.') ? path.relative(server, path.resolve(path.dirname(file), spec)) : spec;
      out.push({ file: path.relative(server, file), target });
    }
  }
  return out;
}

const isHttp = (target: string) => /^hono(\/|$)/.test(target) || target === 'errors';
const isDriver = (target: string) => /^@libsql\/|^libsql$/.test(target);

describe('the ledger module', () => {
  it('finds imports at all, in sub-folders too (the scan itself works)', () => {
    const imports = importsOf(ledger);
    expect(imports).toContainEqual({ file: 'ledger/post.ts', target: 'ledger/errors' });
    expect(imports).toContainEqual({ file: 'ledger/reports/movements.ts', target: 'ledger/errors' });
    expect(importsOf(path.join(server, 'db')).filter((i) => isDriver(i.target)).length).toBeGreaterThan(0);
  });

  it('imports neither Hono nor the HTTP error type: it throws its own errors, with no status or header', () => {
    expect(importsOf(ledger).filter((i) => isHttp(i.target)).map((i) => `${i.file} → ${i.target}`)).toEqual([]);
  });
});

describe('the storage port', () => {
  it('is the only way to the database: no module of the server outside server/db/ imports a driver', () => {
    const outsideDb = importsOf(server).filter((i) => !i.file.startsWith(`db${path.sep}`));
    expect(outsideDb.some((i) => i.file.startsWith(`routes${path.sep}`))).toBe(true);
    expect(outsideDb.filter((i) => isDriver(i.target)).map((i) => `${i.file} → ${i.target}`)).toEqual([]);
  });
});
