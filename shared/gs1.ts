/**
 * GS1 element strings as scanners and labels give them: bracketed `(01)…(17)…(10)…` or raw
 * (FNC1 as the symbology identifier `]C1`, `]e0`, `]d2`, `]Q3`, `]J1`, or a leading GS, or
 * nothing), with the group separator (ASCII 29) after a variable-length field. Parsing checks
 * syntax, lengths, character set 82, check digits and dates; the AI association rules
 * (requisites, exclusions) are a separate step, `validateGs1Requisites`, as in GS1's engine.
 */
import { isoFromParts, lastDayOfMonth } from './dates';
import { mod10CheckDigitOk } from './gtin';
import { looksLikeDigitalLink, parseDigitalLink } from './digital-link';

type AiKind = 'sscc' | 'gtin' | 'cset82' | 'date' | 'count';
interface AiSpec { kind: AiKind; min: number; max: number; title: string }

/** The AIs this parser knows; any other AI makes a scan invalid. */
export const GS1_SUPPORTED_AIS: Readonly<Record<string, AiSpec>> = {
  '00': { kind: 'sscc', min: 18, max: 18, title: 'SSCC' },
  '01': { kind: 'gtin', min: 14, max: 14, title: 'GTIN' },
  '02': { kind: 'gtin', min: 14, max: 14, title: 'GTIN of contained items' },
  '10': { kind: 'cset82', min: 1, max: 20, title: 'lot' },
  '11': { kind: 'date', min: 6, max: 6, title: 'production date' },
  '13': { kind: 'date', min: 6, max: 6, title: 'packaging date' },
  '15': { kind: 'date', min: 6, max: 6, title: 'best before date' },
  '16': { kind: 'date', min: 6, max: 6, title: 'sell by date' },
  '17': { kind: 'date', min: 6, max: 6, title: 'expiry date' },
  '21': { kind: 'cset82', min: 1, max: 20, title: 'serial' },
  '30': { kind: 'count', min: 1, max: 8, title: 'count' },
  '37': { kind: 'count', min: 1, max: 8, title: 'count of trade items' },
};

// Fixed-length AIs (GS1 General Specifications, "predefined length" prefixes) need no FNC1 after them.
const fixedLength = (ai: string): boolean => GS1_SUPPORTED_AIS[ai].min === GS1_SUPPORTED_AIS[ai].max;

const GS1_SYMBOLOGY_IDS = new Set([']C1', ']e0', ']d2', ']Q3', ']J1']);
const GS = '\u001d';

export type Gs1Result =
  | { ok: true; ais: { ai: string; value: string }[]; gtin?: string; lot?: string; serial?: string;
      expiry?: string; bestBefore?: string; productionDate?: string; sscc?: string }
  | { ok: false; code: 'invalid' | 'gtin_check_digit'; message: string };

export interface Gs1Options {
  /** The year GS1's century rule slides around (General Specifications 7.12); default: this year (UTC). */
  referenceYear?: number;
}

class Gs1Error extends Error {
  constructor(message: string, readonly code: 'invalid' | 'gtin_check_digit' = 'invalid') { super(message); }
}

/**
 * True when every character is in GS1 character set 82 (what AI 10 and 21 may hold).
 * @example isCset82('ABC-12/3') // true
 */
export function isCset82(value: string): boolean {
  return /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/.test(value);
}

/**
 * Reads a GS1 YYMMDD date where DD `00` means the last day of the month, as ISO, or null.
 * The century follows GS1's rule: the year within 49 years behind to 50 ahead of the reference year.
 * @example gs1Date('280200', 2026) // '2028-02-29'
 */
export function gs1Date(yymmdd: string, referenceYear: number = new Date().getUTCFullYear()): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = +yymmdd.slice(0, 2), mm = +yymmdd.slice(2, 4), dd = +yymmdd.slice(4, 6);
  const century = Math.floor(referenceYear / 100);
  const diff = yy - (referenceYear % 100);
  const year = (diff >= 51 ? century - 1 : diff <= -50 ? century + 1 : century) * 100 + yy;
  if (mm < 1 || mm > 12) return null;
  return isoFromParts(year, mm, dd === 0 ? lastDayOfMonth(year, mm) : dd);
}

function checkValue(ai: string, value: string, referenceYear: number): void {
  const spec = GS1_SUPPORTED_AIS[ai];
  const where = `(${ai}) ${spec.title}`;
  if (value.length === 0) throw new Gs1Error(`The ${where} in the scan is empty.`);
  if (value.length < spec.min || value.length > spec.max) {
    const want = spec.min === spec.max ? `${spec.min}` : `${spec.min} to ${spec.max}`;
    throw new Gs1Error(`The ${where} in the scan has ${value.length} characters; it must have ${want}.`);
  }
  if (spec.kind === 'cset82') {
    if (!isCset82(value)) throw new Gs1Error(`The ${where} "${value}" holds a character GS1 does not allow there.`);
    return;
  }
  if (!/^\d+$/.test(value)) throw new Gs1Error(`The ${where} "${value}" must be digits only.`);
  if (spec.kind === 'gtin' && !mod10CheckDigitOk(value)) {
    throw new Gs1Error(`The GTIN ${value} in the scan has a wrong check digit; rescan the barcode or check the label.`, 'gtin_check_digit');
  }
  if (spec.kind === 'sscc' && !mod10CheckDigitOk(value)) {
    throw new Gs1Error(`The SSCC ${value} in the scan has a wrong check digit; rescan the barcode.`);
  }
  if (spec.kind === 'date' && gs1Date(value, referenceYear) === null) {
    throw new Gs1Error(`The ${where} ${value} in the scan is not a real day (YYMMDD).`);
  }
}

const aiOf = (ai: string): string => {
  if (!/^\d+$/.test(ai)) throw new Gs1Error(`"(${ai})" is not a GS1 application identifier; they are digits.`);
  if (ai.length < 2 || ai.length > 4) throw new Gs1Error(`"(${ai})" is not a GS1 application identifier; they have 2 to 4 digits.`);
  if (!Object.hasOwn(GS1_SUPPORTED_AIS, ai)) throw new Gs1Error(`The scan holds AI (${ai}), which LotLedger does not read.`);
  return ai;
};

function parseBracketed(s: string): { ai: string; value: string }[] {
  const out: { ai: string; value: string }[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '(') throw new Gs1Error('A bracketed GS1 scan must start with an AI in brackets, e.g. (01).');
    const close = s.indexOf(')', i);
    if (close < 0) throw new Gs1Error('An AI bracket in the scan is not closed.');
    const ai = aiOf(s.slice(i + 1, close));
    let value = '';
    i = close + 1;
    // A "(" inside data is written "\(" so it cannot be read as the next AI.
    while (i < s.length && s[i] !== '(') {
      if (s[i] === '\\' && s[i + 1] === '(') { value += '('; i += 2; } else { value += s[i]; i += 1; }
    }
    out.push({ ai, value });
  }
  return out;
}

function parseRaw(s: string): { ai: string; value: string }[] {
  const out: { ai: string; value: string }[] = [];
  let i = 0;
  while (i < s.length) {
    const ai = s.slice(i, i + 2);
    if (!/^\d\d$/.test(ai)) throw new Gs1Error(`The scan has "${s.slice(i, i + 2)}" where an AI should start.`);
    aiOf(ai);
    i += 2;
    let value: string;
    if (fixedLength(ai)) {
      value = s.slice(i, i + GS1_SUPPORTED_AIS[ai].max);
      if (value.includes(GS)) value = value.slice(0, value.indexOf(GS));
      i += value.length;
    } else {
      const end = s.indexOf(GS, i);
      value = s.slice(i, end < 0 ? s.length : end);
      i += value.length;
    }
    if (s[i] === GS) i += 1; // FNC1 after a field; superfluous after a fixed-length one, but allowed
    out.push({ ai, value });
  }
  return out;
}

/** The AIs of an element string, bracketed or raw. */
function elementStringAis(input: string): { ai: string; value: string }[] {
  let s = input;
  if (s.startsWith(']')) {
    const id = s.slice(0, 3);
    if (!GS1_SYMBOLOGY_IDS.has(id)) throw new Gs1Error(`The scan starts with ${id}, which is not a GS1 barcode.`);
    s = s.slice(3);
  }
  if (s.startsWith(GS)) s = s.slice(1); // a leading FNC1 sent as GS
  if (s.length === 0) throw new Gs1Error('The scan holds no GS1 data.');
  // Text copied from under a barcode (HRI) may space its elements out: "(01) 0950… (10) AB".
  // Space is outside every supported AI's character set, so removing it beside an AI loses nothing.
  return s.startsWith('(') ? parseBracketed(s.replace(/\s+(?=\(\d+\))|(?<=^\(\d+\)|[^\\]\(\d+\))\s+/g, '')) : parseRaw(s);
}

/**
 * The AIs of a GS1 Digital Link that LotLedger reads. Its other AIs (a net weight, a CPV) are
 * delimited in the link, so unlike in an element string they can be passed over unread.
 */
function linkAis(input: string): { ai: string; value: string }[] {
  const link = parseDigitalLink(input);
  if (!link.ok) throw new Gs1Error(link.message);
  return link.ais.filter((a) => Object.hasOwn(GS1_SUPPORTED_AIS, a.ai));
}

/**
 * Parses one scan (a GS1 element string or a GS1 Digital Link URI) into its AIs and the fields
 * LotLedger uses.
 * @example parseGs1('(01)09506000134352(17)271031(10)FLU2612C') // { ok: true, gtin: '09506000134352', expiry: '2027-10-31', lot: 'FLU2612C', … }
 */
export function parseGs1(input: string, opts: Gs1Options = {}): Gs1Result {
  const referenceYear = opts.referenceYear ?? new Date().getUTCFullYear();
  try {
    const ais = looksLikeDigitalLink(input) ? linkAis(input) : elementStringAis(input);
    const seen = new Map<string, string>();
    for (const { ai, value } of ais) {
      checkValue(ai, value, referenceYear);
      const before = seen.get(ai);
      if (before !== undefined && before !== value) {
        throw new Gs1Error(`The scan holds AI (${ai}) twice with different values (${before}, ${value}).`);
      }
      seen.set(ai, value);
    }
    const get = (ai: string) => seen.get(ai);
    const date = (ai: string) => { const v = get(ai); return v === undefined ? undefined : gs1Date(v, referenceYear)!; };
    const result: Gs1Result = { ok: true, ais };
    const fields = {
      gtin: get('01') ?? get('02'), lot: get('10'), serial: get('21'), expiry: date('17'),
      bestBefore: date('15'), productionDate: date('11'), sscc: get('00'),
    };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (result as Record<string, unknown>)[k] = v;
    return result;
  } catch (e) {
    if (e instanceof Gs1Error) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

// GS1 Syntax Dictionary association rules, restricted to the supported AIs: each entry is a list
// of alternatives, each alternative a set of AIs that must all be present.
const REQUIRES: Record<string, string[][]> = {
  '02': [['37']],
  '10': [['01'], ['02']], '11': [['01'], ['02']], '13': [['01'], ['02']], '15': [['01'], ['02']],
  '16': [['01'], ['02']], '17': [['01'], ['02']], '30': [['01'], ['02']],
  '21': [['01']],
  '37': [['00', '02']],
};
const EXCLUDES: Record<string, string[]> = { '01': ['02', '37'], '02': ['01'] };

/**
 * Checks which AIs must and must not appear together (GS1 requisites and exclusions) and says
 * what is wrong, or null when the combination is allowed.
 * @example validateGs1Requisites([{ ai: '21', value: 'ABC123' }]) // 'A serial (21) in a scan needs GTIN (01) with it; scan the whole barcode.'
 */
export function validateGs1Requisites(ais: readonly { ai: string }[]): string | null {
  const present = new Set(ais.map((a) => a.ai));
  for (const ai of present) {
    for (const other of EXCLUDES[ai] ?? []) {
      if (present.has(other)) return `AI (${ai}) and AI (${other}) cannot be in the same scan.`;
    }
  }
  for (const ai of present) {
    const alternatives = REQUIRES[ai];
    if (!alternatives || alternatives.some((all) => all.every((a) => present.has(a)))) continue;
    const title = (a: string) => GS1_SUPPORTED_AIS[a]?.title ?? 'data';
    const need = alternatives.map((all) => all.map((a) => `${title(a)} (${a})`).join(' and ')).join(' or ');
    return `A ${title(ai)} (${ai}) in a scan needs ${need} with it; scan the whole barcode.`;
  }
  return null;
}
