import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The pane's folders import one way (docs/DESIGN.md): app → check, reports → workbook, api →
// shared. A folder that reaches up or across makes a loop that no module can be read apart from.
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

  it('keep workbook/ below reports/, app/ and check/: the adapters import none of them', () => {
    expect(into(importsOf('workbook'), ['reports', 'app', 'check', 'session'])).toEqual([]);
  });

  it('keep reports/ pure of app/ and the API client', () => {
    expect(into(importsOf('reports'), ['app', 'check', 'session', 'api'])).toEqual([]);
  });
});
