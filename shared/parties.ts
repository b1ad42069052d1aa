/**
 * Parties (suppliers and customers) of docs/API.md "Parties and location descriptions": who a
 * row's `party` names, described well enough for the compliance exports.
 */
import type { Problem } from './problems';
import { failInto, freeText, optionalText, readDescription, type PlaceDescription } from './descriptions';
import { invisibleProblem, shownValue } from './identifiers';

export const PARTY_KINDS = ['supplier', 'customer', 'both'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export interface Party extends PlaceDescription {
  name: string;
  kind: PartyKind;
  /** FDA Food Facility Registration Number: 11 digits. */
  ffrn: string | null;
}

export const PARTY_NAME_MAX = 200;

const KIND_WORDS: Record<string, PartyKind> = {
  supplier: 'supplier', vendor: 'supplier', farm: 'supplier', grower: 'supplier',
  customer: 'customer', client: 'customer', buyer: 'customer',
  both: 'both',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks party rows: a name (once per request), a kind, and the optional GLN, FFRN and
 * location description. Kinds are read as words a sheet would hold (vendor, client …).
 * @example checkPartyRows([{ name: 'Green Farm', kind: 'supplier', city: 'Salinas' }]).parties[0].city // 'Salinas'
 */
export function checkPartyRows(raw: readonly unknown[]): { parties: Party[]; problems: Problem[] } {
  const parties: Party[] = [];
  const problems: Problem[] = [];
  const nameRow = new Map<string, number>();
  raw.forEach((r, row) => {
    const before = problems.length;
    const fail = failInto(problems, row);
    if (!isRecord(r)) {
      fail('name', 'invalid', `Party row ${row + 1} is not an object with a name and a kind.`);
      return;
    }
    const name = freeText(r.name);
    if (name === null) fail('name', 'invalid', `The name of party row ${row + 1} must be text.`);
    else if (name === '') fail('name', 'required', `A name is required for party row ${row + 1}.`);
    else if ([...name].length > PARTY_NAME_MAX) fail('name', 'invalid', `The party name ${shownValue(name)} is longer than ${PARTY_NAME_MAX} characters.`);
    // eslint-disable-next-line no-control-regex
    else if (/[\u0000-\u001f\u007f]/.test(name)) fail('name', 'invalid', `The party name ${shownValue(name)} has a control character inside.`);
    else if (invisibleProblem(name)) fail('name', 'invalid', `The party name ${shownValue(name)} ${invisibleProblem(name)}.`);
    else if (nameRow.has(name)) fail('name', 'invalid', `Party ${name} is given twice (party rows ${nameRow.get(name)! + 1} and ${row + 1}); keep one.`);
    const who = name || `party row ${row + 1}`;
    const kindText = freeText(r.kind)?.toLowerCase() ?? null;
    const kind = kindText ? KIND_WORDS[kindText] : undefined;
    if (kindText === '') fail('kind', 'required', `Say whether ${who} is a supplier, a customer or both.`);
    else if (!kind) fail('kind', 'invalid', `The kind of ${who} must be supplier, customer or both, not ${shownValue(String(r.kind))}.`);
    const description = readDescription(r, who, fail);
    const ffrnRaw = typeof r.ffrn === 'number' && Number.isSafeInteger(r.ffrn) ? String(r.ffrn).padStart(11, '0') : r.ffrn;
    const ffrn = optionalText({ ffrn: ffrnRaw }, 'ffrn', 11, who, fail);
    if (ffrn !== null && !/^\d{11}$/.test(ffrn)) fail('ffrn', 'invalid', `The FFRN (FDA food facility registration number) of ${who} must be 11 digits.`);
    if (problems.length > before) return;
    nameRow.set(name!, row);
    parties.push({ name: name!, kind: kind!, ffrn, ...description });
  });
  return { parties, problems };
}
