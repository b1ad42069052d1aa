/**
 * Location descriptions as FSMA 204 asks for them (21 CFR 1.1310: business name, phone,
 * physical address with city, state and ZIP or postal code, and country) and the GS1 and FDA
 * numbers that name a place (GLN, FFRN): the fields parties and locations share, checked and
 * cleaned, each problem named.
 */
import { problem, type Problem } from './problems';
import { mod10CheckDigitOk } from './gtin';
import { invisibleProblem, shownValue } from './identifiers';

/** A place's description; every field null when not known. */
export interface PlaceDescription {
  /** GS1 Global Location Number: 13 digits, the last a check digit. */
  gln: string | null;
  phone: string | null;
  address: string | null;
  city: string | null;
  /** State, province or region. */
  region: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2 code (US, CA, MX …) or the country's name. */
  country: string | null;
}

export const DESCRIPTION_FIELDS = ['gln', 'phone', 'address', 'city', 'region', 'postalCode', 'country'] as const;

const LIMITS: Record<Exclude<keyof PlaceDescription, 'gln'>, number> = {
  phone: 40, address: 200, city: 100, region: 100, postalCode: 20, country: 60,
};

type Fail = (field: string, code: Problem['code'], message: string) => void;

/** A free-text cell or JSON value, trimmed and in NFC; '' when blank; null when not text at all. */
export function freeText(v: unknown): string | null {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v).trim().normalize('NFC');
  return null;
}

/**
 * Reads an optional free-text field of at most `max` characters; null when blank.
 * @example optionalText({ city: ' Salinas ' }, 'city', 100, 'Farm A', fail) // 'Salinas'
 */
export function optionalText(r: Record<string, unknown>, field: string, max: number, who: string, fail: Fail): string | null {
  const value = freeText(r[field]);
  if (value === null) { fail(field, 'invalid', `The ${field} of ${who} must be text.`); return null; }
  if (value === '') return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) { fail(field, 'invalid', `The ${field} of ${who} has a control character inside.`); return null; }
  const invisible = invisibleProblem(value);
  if (invisible) { fail(field, 'invalid', `The ${field} of ${who} ${invisible}.`); return null; }
  if ([...value].length > max) { fail(field, 'invalid', `The ${field} of ${who} is longer than ${max} characters.`); return null; }
  return value;
}

/**
 * Reads a GLN: 13 digits with a right check digit (a number cell keeps its digits, as a GLN
 * never starts with more zeros than Excel keeps); null when blank.
 * @example glnOf({ gln: '0614141000005' }, 'Farm A', fail) // '0614141000005'
 */
export function glnOf(r: Record<string, unknown>, who: string, fail: Fail): string | null {
  const raw = typeof r.gln === 'number' && Number.isSafeInteger(r.gln) ? String(r.gln).padStart(13, '0') : r.gln;
  const value = freeText(raw);
  if (value === '' ) return null;
  if (value === null || !/^\d{13}$/.test(value)) {
    fail('gln', 'invalid', `The GLN of ${who} must be 13 digits, not ${shownValue(String(raw))}.`);
    return null;
  }
  if (!mod10CheckDigitOk(value)) {
    fail('gln', 'invalid', `The GLN ${value} of ${who} has a wrong check digit; copy it again from its source.`);
    return null;
  }
  return value;
}

/**
 * Reads the description fields of a party or location row.
 * @example readDescription({ city: 'Salinas', country: 'US' }, 'Farm A', fail) // { gln: null, city: 'Salinas', country: 'US', … }
 */
export function readDescription(r: Record<string, unknown>, who: string, fail: Fail): PlaceDescription {
  const out = { gln: glnOf(r, who, fail) } as PlaceDescription;
  for (const [field, max] of Object.entries(LIMITS) as [keyof typeof LIMITS, number][]) {
    out[field] = optionalText(r, field, max, who, fail);
  }
  return out;
}

/** A problem-collecting `fail` for row `row` of a request. */
export const failInto = (problems: Problem[], row: number): Fail =>
  (field, code, message) => { problems.push(problem(row, field, code, message)); };
