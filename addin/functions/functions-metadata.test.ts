import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generateFunctionsMetadata } from '../tools/functions-metadata';
import { parseXml, walk, type XmlElement } from '../tools/xml';
import { EXCEL_FUNCTIONS } from './excel-functions';

const root = path.resolve(import.meta.dirname, '../..');
const generated = generateFunctionsMetadata();
const metadata = JSON.parse(generated) as { functions: { id: string; name: string; parameters: { name: string; optional?: boolean }[]; result: { type?: string } }[] };

describe('functions.json, generated from the JSDoc of excel-functions.ts', () => {
  it('names the four LOTLEDGER functions with their parameters, optional ones marked', () => {
    const shape = metadata.functions.map((f) => `${f.name}(${f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(', ')})`);
    expect(shape).toEqual(['ONHAND(sku, [lot], [location])', 'EXPIRY(sku, lot)', 'SERIAL(serial, [sku])', 'HELD(sku, lot)']);
    expect(metadata.functions.map((f) => f.result.type)).toEqual(['number', undefined, 'string', 'boolean']);
  });

  it('has an implementation for every function id, taking as many arguments as it declares, and no implementation without metadata', () => {
    expect(Object.keys(EXCEL_FUNCTIONS).sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    for (const f of metadata.functions) expect(EXCEL_FUNCTIONS[f.id as keyof typeof EXCEL_FUNCTIONS].length, f.id).toBe(f.parameters.length);
  });

  it('is what the build emitted beside taskpane.html', () => {
    const built = path.join(root, 'dist/addin/functions.json');
    expect(existsSync(built), 'run `npx vite build` first').toBe(true);
    expect(readFileSync(built, 'utf8')).toBe(generated);
  });

  it('is where the manifest\'s CustomFunctions extension point looks, in the pane\'s shared runtime, under LOTLEDGER', () => {
    const all = [...walk(parseXml(readFileSync(path.join(root, 'manifest.xml'), 'utf8')))];
    const byName = (n: string): XmlElement[] => all.filter((e) => e.name === n);
    const url = (id: string) => byName('bt:Url').find((u) => u.attrs.id === id)?.attrs.DefaultValue;
    const text = (id: string) => byName('bt:String').find((u) => u.attrs.id === id)?.attrs.DefaultValue;
    const point = byName('ExtensionPoint').find((e) => e.attrs['xsi:type'] === 'CustomFunctions')!;
    expect(point).toBeDefined();
    const inner = [...walk(point)];
    const source = (parent: string) => inner.find((e) => e.name === parent)!.children.find((c) => c.name === 'SourceLocation')!.attrs.resid;
    expect(new URL(url(source('Metadata'))!).pathname).toBe('/functions.json');
    expect(new URL(url(source('Script'))!).pathname).toBe('/functions.js');
    expect(text(inner.find((e) => e.name === 'Namespace')!.attrs.resid)).toBe('LOTLEDGER');
    // One runtime for pane and functions: the page, the runtime and the function file are the pane.
    const runtime = byName('Runtime')[0];
    expect(runtime.attrs.lifetime).toBe('long');
    expect(source('Page')).toBe(runtime.attrs.resid);
    expect(byName('FunctionFile')[0].attrs.resid).toBe(runtime.attrs.resid);
    expect(url(runtime.attrs.resid)).toBe(byName('SourceLocation')[0].attrs.DefaultValue);
    expect(byName('Set').find((s) => s.attrs.Name === 'SharedRuntime')?.attrs.MinVersion).toBe('1.1');
  });
});
