import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseDigitalLink } from './digital-link';
import { GS1_SUPPORTED_AIS, parseGs1, validateGs1Requisites } from './gs1';

// GS1's own Digital Link tests, as data (test/fixtures/conformance/README.md): the simple
// parser's set, and the syntax engine's Digital Link vectors.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (name: string) => JSON.parse(readFileSync(path.resolve(repoRoot, 'test/fixtures/conformance', name), 'utf8'));

interface LinkVector { input: string; valid: boolean; fields?: Record<string, string>; why?: string; src: string; level?: string }
const simple: LinkVector[] = read('digital-link-vectors.json').sets[0].vectors
  .map((v: LinkVector & { expected_ais?: Record<string, string> }) => ({ ...v, fields: v.expected_ais }));
const engine: LinkVector[] = read('gs1-vectors.json').vectors.filter((v: { form: string }) => v.form === 'digital_link');
// docs/API.md: a zero-suppressed GTIN-8/12/13 in a link is read as its GTIN-14 (the simple
// parser's rule), so the two engine vectors that refuse one by default do not apply.
const zeroSuppressedRefusals = engine.filter((v) => !v.valid && /Zero-suppressed GTIN/.test(v.why ?? ''));
const vectors = [...simple, ...engine.filter((v) => !zeroSuppressedRefusals.includes(v))];

const REFERENCE_YEAR = 2026;

describe("GS1 Digital Link URIs from GS1's own tests", () => {
  test('both sets are here and checked (none silently dropped)', () => {
    expect(simple.length).toBe(59);
    expect(engine.length).toBeGreaterThanOrEqual(29);
    expect(zeroSuppressedRefusals).toHaveLength(2);
    expect(vectors.filter((v) => v.valid).length).toBeGreaterThanOrEqual(57);
  });

  test.each(vectors.map((v) => [`${v.valid ? 'valid' : 'invalid'} ${JSON.stringify(v.input)} (${v.src})`, v] as const))(
    '%s is read as GS1 reads it',
    (_name, v) => {
      const link = parseDigitalLink(v.input);
      expect(link.ok, v.why ?? 'should be accepted').toBe(v.valid);
      if (link.ok) expect(Object.fromEntries(link.ais.map((a) => [a.ai, a.value]))).toEqual(v.fields);
      else expect(link.message.length).toBeGreaterThan(10);
    },
  );

  // What a clerk scans: a valid link gives the AIs LotLedger reads, checked as any scan's are.
  const readable = vectors.filter((v) => v.valid && Object.keys(v.fields!).some((ai) => ai in GS1_SUPPORTED_AIS));
  test.each(readable.map((v) => [JSON.stringify(v.input), v] as const))('the scan %s gives the AIs LotLedger reads', (_name, v) => {
    const parsed = parseGs1(v.input, { referenceYear: REFERENCE_YEAR });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const ours = Object.fromEntries(Object.entries(v.fields!).filter(([ai]) => ai in GS1_SUPPORTED_AIS));
    expect(Object.fromEntries(parsed.ais.map((a) => [a.ai, a.value]))).toEqual(ours);
    if (v.level === 'full') expect(validateGs1Requisites(parsed.ais)).toBeNull();
  });
});
