import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseXml, walk, type XmlElement } from './tools/xml';

const root = path.resolve(import.meta.dirname, '..');
const manifestText = readFileSync(path.join(root, 'manifest.xml'), 'utf8');
const manifest = parseXml(manifestText);
const all = [...walk(manifest)];
const byName = (n: string): XmlElement[] => all.filter((e) => e.name === n);

/** Width and height of a PNG file, from its IHDR chunk. */
const pngSize = (file: string): [number, number] => {
  const b = readFileSync(file);
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
};

/** The icon file the server serves for a manifest URL: /assets/x.png is built from assets/x.png. */
const iconFile = (url: string): string => {
  const p = new URL(url).pathname;
  expect(p).toMatch(/^\/assets\/[\w-]+\.png$/);
  return path.join(root, p);
};

describe('the add-in manifest', () => {
  it('is well-formed XML (and the checker really refuses XML that is not)', () => {
    expect(manifest.name).toBe('OfficeApp');
    expect(() => parseXml('<a><b></a></b>')).toThrow(/does not close/);
    expect(() => parseXml('<a x="1></a>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow(/second root/);
    expect(() => parseXml('<a>fish & chips</a>')).toThrow(/Bare &/);
    expect(() => parseXml('<a>')).toThrow(/never closed/);
  });

  it('is an Excel task-pane add-in with a GUID id', () => {
    expect(manifest.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(byName('Id')[0].text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(byName('Host').filter((h) => h.attrs.Name).map((h) => h.attrs.Name)).toEqual(['Workbook']);
    expect(byName('Version')[0].text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('loads the pane from the server over HTTPS, like every other URL in it', () => {
    const urls = [
      ...all.flatMap((e) => Object.values(e.attrs).filter((v) => /^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !v.startsWith('http://schemas.') && !v.startsWith('http://www.w3.org'))),
      ...byName('AppDomain').map((e) => e.text.trim()),
    ];
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) expect(u, u).toMatch(/^https:\/\//);
    expect(byName('SourceLocation')[0].attrs.DefaultValue).toBe('https://localhost:8787/taskpane.html');
  });

  it('defines every resid it uses exactly once, and uses every one it defines', () => {
    const defined = byName('Resources')[0].children.flatMap((group) => group.children.map((r) => r.attrs.id));
    expect(new Set(defined).size).toBe(defined.length);
    const used = new Set(all.map((e) => e.attrs.resid).filter(Boolean));
    for (const id of used) expect(defined, `resid ${id}`).toContain(id);
    for (const id of defined) expect(used.has(id), `unused resource ${id}`).toBe(true);
  });

  it('puts a ribbon button that opens the pane on the Home tab', () => {
    const button = byName('Control').find((c) => c.attrs['xsi:type'] === 'Button')!;
    const action = button.children.find((c) => c.name === 'Action')!;
    expect(action.attrs['xsi:type']).toBe('ShowTaskpane');
    expect(byName('OfficeTab')[0].attrs.id).toBe('TabHome');
  });

  it('has icons in the sizes Office asks for, each a real PNG of that size', () => {
    expect(pngSize(iconFile(byName('IconUrl')[0].attrs.DefaultValue))).toEqual([32, 32]);
    expect(pngSize(iconFile(byName('HighResolutionIconUrl')[0].attrs.DefaultValue))).toEqual([64, 64]);
    const images = new Map(byName('bt:Image').filter((i) => i.attrs.id).map((i) => [i.attrs.id, i.attrs.DefaultValue]));
    const sizes = new Set<number>();
    for (const ref of byName('bt:Image').filter((i) => i.attrs.resid)) {
      const size = Number(ref.attrs.size);
      sizes.add(size);
      expect(pngSize(iconFile(images.get(ref.attrs.resid)!))).toEqual([size, size]);
    }
    expect([...sizes].sort((a, b) => a - b)).toEqual([16, 32, 80]);
  });
});
