import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The pane's folders import one way (docs/DESIGN.md): app → session → check, reports → workbook,
// api → shared. A folder that reaches up or across makes a loop that no module can be read apart
// from. check/ is pure: its plain cell types and number formats are the one part workbook/ shares.
const addin = import.meta.dirname;

function importsOf(folder: string): { file: string; target: string }[] {
  const out: { file: string; target: string }[] = [];
  for (const entry of readdirSync(path.join(addin, folder), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)) {
      out.push({ file: path.relative(addin, file), target: path.relative(addin, path.resolve(path.dirname(file), m[1])) });
    }
  }
  return out;
}

const into = (imports: { file: string; target: string }[], folders: string[]) =>
  imports.filter((i) => folders.some((f) => i.target === f || i.target.startsWith(`${f}/`))).map((i) => `${i.file} → ${i.target}`);

describe("the pane's folders", () => {
  it('find imports at all (the scan itself works)', () => {
    expect(importsOf('reports').some((i) => i.target.startsWith('workbook/'))).toBe(true);
  });

  it('keep check/ pure: it imports only shared/ and its own modules', () => {
    const outside = importsOf('check').filter((i) => !i.target.startsWith('check/') && !i.target.startsWith('../shared/'));
    expect(outside.map((i) => `${i.file} → ${i.target}`)).toEqual([]);
  });

  it('keep session/ below app/', () => {
    expect(into(importsOf('session'), ['app'])).toEqual([]);
  });

  it('keep workbook/ below reports/, app/, session/ and the API client; of check/ it uses only the plain cell modules', () => {
    expect(into(importsOf('workbook'), ['reports', 'app', 'session', 'api'])).toEqual([]);
    const plain = ['check/cells', 'check/number-format'];
    expect(into(importsOf('workbook'), ['check']).filter((i) => !plain.some((p) => i.endsWith(`→ ${p}`)))).toEqual([]);
  });

  it('keep reports/ pure of app/, session/ and the API client', () => {
    expect(into(importsOf('reports'), ['app', 'check', 'session', 'api'])).toEqual([]);
  });
});
