/**
 * Which places, party and reference each movement type needs (docs/DESIGN.md "The ledger" table).
 * Places a type does not use (a `from` on a receipt, a `party` on a transfer) are dropped
 * without a problem: a sheet's one Location column maps to `to`, and a value the ledger would
 * never read is no reason to block a clerk.
 */
import { cleanIdentifier, invisibleProblem, shownValue } from './identifiers';
import { nearestLocation } from './locations';
import type { CheckedRow, MovementType, RawRow } from './rows';
import type { MasterData } from './rules';
import { capital, freeText, isBlank, type Report } from './cells';

export const TEXT_MAX = 200;

// Which places, party and ref each type needs (docs/DESIGN.md table); 'either' = exactly one of from/to.
export const PLACE_NEEDS: Record<MovementType, { from: boolean | 'either'; to: boolean | 'either'; party: 'required' | 'optional' | 'unused'; ref: boolean }> = {
  receive: { from: false, to: true, party: 'optional', ref: true },
  transfer: { from: true, to: true, party: 'unused', ref: false },
  ship: { from: true, to: false, party: 'required', ref: true },
  return: { from: false, to: true, party: 'required', ref: false },
  scrap: { from: true, to: false, party: 'unused', ref: false },
  adjust: { from: 'either', to: 'either', party: 'unused', ref: true },
  // The work order ties consume and produce rows of one batch (a consume alone, plain use, still names its order).
  consume: { from: true, to: false, party: 'unused', ref: true },
  produce: { from: false, to: true, party: 'unused', ref: true },
};

const REF_WORD: Record<MovementType, string> = {
  receive: 'the PO number', ship: 'the order number', adjust: 'the reason',
  transfer: 'a reference', return: 'the RMA or order number', scrap: 'a reference',
  consume: 'the work order', produce: 'the work order',
};
const A_TYPE: Record<MovementType, string> = {
  receive: 'a receipt', transfer: 'a transfer', ship: 'a shipment', return: 'a return', scrap: 'a scrap', adjust: 'an adjustment',
  consume: 'a consumption', produce: 'a production',
};
const PARTY_WORD: Record<MovementType, string> = {
  receive: 'the supplier', ship: 'the customer', return: 'the customer', transfer: '', scrap: '', adjust: '', consume: '', produce: '',
};

/** The location a row names in `field`, or null (reported) when it is not known. */
function knownPlace(raw: RawRow, field: 'from' | 'to', master: MasterData, error: Report): string | null {
  const code = cleanIdentifier(raw[field]);
  if (code === '') return null;
  if (master.locations.has(code)) return code;
  const invisible = invisibleProblem(code);
  if (invisible) {
    error(field, 'invalid', `Location ${shownValue(code)} ${invisible}; remove it.`);
    return null;
  }
  const near = hintFor(master, code);
  error(field, 'unknown_location', `Location ${shownValue(code)} is not known; ${near ? `did you mean ${near}?` : 'add it to the locations or fix the code.'}`);
  return null;
}

// Location hints are memoised per master data: a sheet repeats the same typo thousands of times.
const hintCache = new WeakMap<MasterData, Map<string, string | null>>();
function hintFor(master: MasterData, code: string): string | null {
  let cache = hintCache.get(master);
  if (!cache) hintCache.set(master, (cache = new Map()));
  if (!cache.has(code)) cache.set(code, nearestLocation(code, master.locations));
  return cache.get(code)!;
}

/**
 * Checks from, to, party and ref of one row against what its type needs; unused ones come back null.
 * @example checkPlaces({ from: 'WH1-A', to: 'WH1-A' }, 'transfer', master, report) // reports same_location on `to`
 */
export function checkPlaces(raw: RawRow, type: MovementType, master: MasterData, error: Report): Pick<CheckedRow, 'from' | 'to' | 'party' | 'ref'> {
  const need = PLACE_NEEDS[type];
  let from: string | null = null;
  let to: string | null = null;
  if (need.from === 'either') {
    const hasFrom = !isBlank(raw.from), hasTo = !isBlank(raw.to);
    if (!hasFrom && !hasTo) error('from', 'required', 'An adjustment needs From (stock counted lower: out of that place) or To (counted higher: into that place).');
    else if (hasFrom && hasTo) error('to', 'invalid', 'An adjustment takes stock out of one place (From) or adds it to one (To), not both; clear one of them.');
    else if (hasFrom) from = knownPlace(raw, 'from', master, error);
    else to = knownPlace(raw, 'to', master, error);
  } else {
    if (need.from) {
      if (isBlank(raw.from)) error('from', 'required', `From is required on ${A_TYPE[type]}: the location the stock leaves.`);
      else from = knownPlace(raw, 'from', master, error);
    }
    if (need.to) {
      if (isBlank(raw.to)) error('to', 'required', `To is required on ${A_TYPE[type]}: the location the stock goes to.`);
      else to = knownPlace(raw, 'to', master, error);
    }
    if (type === 'transfer' && from !== null && to !== null && from === to) {
      error('to', 'same_location', `A transfer from ${from} to ${to} moves nothing; change To.`);
    }
  }
  let party = need.party === 'unused' ? null : freeText(raw.party);
  if (need.party === 'required' && party === null) error('party', 'required', `${capital(PARTY_WORD[type])} is required on ${A_TYPE[type]} (Party).`);
  if (party !== null && party.length > TEXT_MAX) { error('party', 'invalid', `Party is ${party.length} characters long; at most ${TEXT_MAX} are allowed.`); party = null; }
  const ref = freeText(raw.ref);
  if (need.ref && ref === null) error('ref', 'required', `${capital(REF_WORD[type])} is required on ${A_TYPE[type]} (Ref).`);
  if (ref !== null && ref.length > TEXT_MAX) error('ref', 'invalid', `Ref is ${ref.length} characters long; at most ${TEXT_MAX} are allowed.`);
  return { from, to, party, ref };
}

