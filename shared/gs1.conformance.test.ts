import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { GS1_SUPPORTED_AIS, gs1Date, isCset82, parseGs1, validateGs1Requisites } from './gs1';
import { mod10CheckDigitOk } from './gtin';

// GS1's own engine tests, as data: test/fixtures/conformance/gs1-vectors.json (see its README).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.resolve(repoRoot, 'test/fixtures/conformance/gs1-vectors.json');

interface Vector {
  input: string; form: 'bracketed' | 'raw' | 'digital_link'; valid: boolean; level: 'parse' | 'full' | 'requisites' | 'mutex';
  fields?: Record<string, string>; ais_outside_subset?: boolean; src: string; why?: string;
}
interface ValueVector { linter: string; applies_to_ais: string[]; value: string; valid: boolean; src: string }
const data = JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[]; value_vectors: ValueVector[] };

// Raw vectors write FNC1 as '^': the leading one is the symbology identifier, the others arrive as GS.
const asScanned = (v: Vector): string =>
  v.form === 'raw' && v.input.startsWith('^') ? `]C1${v.input.slice(1).replaceAll('^', '\u001d')}` : v.input;

const ours = data.vectors.filter((v) => v.form !== 'digital_link' && !v.ais_outside_subset);
const REFERENCE_YEAR = 2026;

describe('GS1 element strings from GS1\'s own tests', () => {
  test('every bracketed and raw vector in our AI subset is checked (none silently dropped)', () => {
    expect(Object.keys(GS1_SUPPORTED_AIS).sort()).toEqual(['00', '01', '02', '10', '11', '13', '15', '16', '17', '21', '30', '37']);
    // Measured when this test was written: 50 vectors qualify, 17 of them valid, 16 past parse level.
    expect(ours.length).toBeGreaterThanOrEqual(50);
    expect(ours.filter((v) => v.valid).length).toBeGreaterThanOrEqual(17);
    expect(ours.filter((v) => v.level !== 'parse').length).toBeGreaterThanOrEqual(16);
  });

  test.each(ours.map((v) => [`${v.level} ${v.form} ${JSON.stringify(v.input)} (${v.src})`, v] as const))(
    '%s is answered as GS1 expects',
    (_name, v) => {
      const parsed = parseGs1(asScanned(v), { referenceYear: REFERENCE_YEAR });
      // parse level: syntax only; the other levels add GS1's AI association rules.
      const accepted = parsed.ok && (v.level === 'parse' || validateGs1Requisites(parsed.ais) === null);
      expect(accepted, v.why ?? 'should be accepted').toBe(v.valid);
      if (v.valid && parsed.ok) {
        expect(Object.fromEntries(parsed.ais.map((a) => [a.ai, a.value]))).toEqual(v.fields);
      }
      if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(10);
    },
  );

  test('a GTIN with a wrong check digit is reported as gtin_check_digit, other faults as invalid', () => {
    const checkDigitVectors = ours.filter((v) => !v.valid && /GTIN check digit|INCORRECT_CHECK_DIGIT|Incorrect check digit/i.test(v.why ?? '') && !v.input.includes('(00)'));
    expect(checkDigitVectors.length).toBeGreaterThanOrEqual(3);
    for (const v of checkDigitVectors) {
      expect(parseGs1(asScanned(v), { referenceYear: REFERENCE_YEAR })).toMatchObject({ ok: false, code: 'gtin_check_digit' });
    }
    expect(parseGs1('(00)123456789012345670')).toMatchObject({ ok: false, code: 'invalid' });
  });
});

describe('GS1 component values (date, character set 82, check digit linters)', () => {
  const relevant = data.value_vectors.filter((v) => v.applies_to_ais.some((ai) => ai in GS1_SUPPORTED_AIS));
  test('every value vector for our AIs is checked', () => {
    expect(relevant.length).toBeGreaterThanOrEqual(35);
  });
  test.each(relevant.map((v) => [`${v.linter} ${JSON.stringify(v.value)}`, v] as const))('%s is judged as GS1 judges it', (_name, v) => {
    const ok = v.linter === 'yymmd0' ? gs1Date(v.value, REFERENCE_YEAR) !== null
      : v.linter === 'cset82' ? v.value.length > 0 && isCset82(v.value)
        : v.linter === 'csum' ? mod10CheckDigitOk(v.value)
          : (() => { throw new Error(`no linter ${v.linter}`); })();
    expect(ok).toBe(v.valid);
    // And the same value inside a full element string for each AI it applies to.
    for (const ai of v.applies_to_ais.filter((a) => a in GS1_SUPPORTED_AIS)) {
      const spec = GS1_SUPPORTED_AIS[ai];
      if (v.value.length < spec.min || v.value.length > spec.max) continue;
      const parsed = parseGs1(`(${ai})${v.value.replaceAll('(', '\\(')}`, { referenceYear: REFERENCE_YEAR });
      expect(parsed.ok, `(${ai})${v.value}`).toBe(v.valid);
    }
  });
});
