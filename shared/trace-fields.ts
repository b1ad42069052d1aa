/**
 * The fields of a batch row that only the compliance records read (docs/API.md "Parties and
 * location descriptions"): the traceability lot code source, its reference, and the type of
 * the reference document. Checked like every field: a clear problem, nothing guessed.
 */
import { mod10CheckDigitOk } from './gtin';
import { freeText } from './cells';
import { shownValue } from './identifiers';
import type { Problem } from './problems';

/** The reference document types FSMA 204 records name most; any other short text is kept as written. */
export const REF_TYPES = ['PO', 'BOL', 'ASN', 'INV', 'WO', 'RMA'] as const;

const TLC_SOURCE_MAX = 200;
const REF_TYPE_MAX = 40;

export interface TraceFields { tlcSource: string | null; tlcSourceRef: string | null; refType: string | null }

type Report = (field: string, code: Problem['code'], message: string) => void;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A GLN (13 digits, check digit right), an FFRN (11 digits) or a web address. */
function tlcSourceRefProblem(ref: string): string | null {
  if (/^\d{13}$/.test(ref)) return mod10CheckDigitOk(ref) ? null : `GLN ${ref} has a wrong check digit`;
  if (/^\d{11}$/.test(ref)) return null;
  if (/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(ref)) return null;
  return `${shownValue(ref)} is not a GLN (13 digits), an FFRN (11 digits) or a web address`;
}

/**
 * Reads the trace fields of a raw row, reporting each one at fault.
 * @example traceFields({ tlcSourceRef: '0614141000005', refType: 'bol' }, report) // { tlcSource: null, tlcSourceRef: '0614141000005', refType: 'BOL' }
 */
export function traceFields(raw: { tlcSource?: unknown; tlcSourceRef?: unknown; refType?: unknown }, report: Report): TraceFields {
  const tlcSource = freeText(raw.tlcSource);
  if (tlcSource !== null && (tlcSource.length > TLC_SOURCE_MAX || CONTROL.test(tlcSource))) {
    report('tlcSource', 'invalid', `TLC source must be a party name or location code of at most ${TLC_SOURCE_MAX} characters, on one line.`);
  }
  const refText = typeof raw.tlcSourceRef === 'number' && Number.isSafeInteger(raw.tlcSourceRef) ? String(raw.tlcSourceRef) : raw.tlcSourceRef;
  const tlcSourceRef = freeText(refText);
  const why = tlcSourceRef === null ? null : tlcSourceRefProblem(tlcSourceRef);
  if (why) report('tlcSourceRef', 'invalid', `TLC source reference ${why}.`);
  const typeText = freeText(raw.refType);
  const known = typeText === null ? undefined : REF_TYPES.find((t) => t === typeText.toUpperCase());
  const refType = known ?? typeText;
  if (refType !== null && !known && (refType.length > REF_TYPE_MAX || CONTROL.test(refType))) {
    report('refType', 'invalid', `Ref type must be ${REF_TYPES.join(', ')} or a short text of at most ${REF_TYPE_MAX} characters.`);
  }
  return { tlcSource, tlcSourceRef, refType };
}
