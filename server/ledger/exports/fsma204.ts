/**
 * The FDA FSMA 204 "electronic sortable spreadsheet" (21 CFR 1.1455(c)): one record per critical
 * tracking event row, with the key data elements of 1.1345 (receiving), 1.1340 (shipping) and
 * 1.1350 (transformation). Pure: events and the described places in, records out. A key data
 * element the ledger cannot fill is named in the record's `missing`, never left blank silently.
 */
import { PLACE_PARTS, type Described, type Fsma204Record, type PlaceFields } from '../../../shared/fsma204';
import type { Party } from '../../../shared/parties';
import type { Location } from '../../../shared/rows';
import type { CteEvent } from './events';

export { FSMA204_COLUMNS, type Fsma204Record } from '../../../shared/fsma204';

/** The places the records can describe: parties by name, own locations by code. */
export interface Places { parties: ReadonlyMap<string, Party>; locations: ReadonlyMap<string, Location> }

const UNKNOWN: Described = { name: null, phone: null, address: null, city: null, region: null, postalCode: null, country: null };

/** A location's description: its business name, else its name (docs/API.md). */
function ofLocation(code: string | null, places: Places): Described & { gln: string | null } {
  const l = code === null ? undefined : places.locations.get(code);
  if (!l) return { ...UNKNOWN, gln: null };
  return {
    name: l.businessName ?? l.name ?? null, phone: l.phone ?? null, address: l.address ?? null, city: l.city ?? null,
    region: l.region ?? null, postalCode: l.postalCode ?? null, country: l.country ?? null, gln: l.gln ?? null,
  };
}

/** A party's description; its name as the row wrote it even when it is not described. */
function ofParty(name: string | null, places: Places): Described & { ref: string | null } {
  const p = name === null ? undefined : places.parties.get(name);
  if (!p) return { ...UNKNOWN, name, ref: null };
  return { name, phone: p.phone, address: p.address, city: p.city, region: p.region, postalCode: p.postalCode, country: p.country, ref: p.gln ?? p.ffrn };
}

const fields = <P extends string>(prefix: P, d: Described): PlaceFields<P> =>
  Object.fromEntries(PLACE_PARTS.map((part) => [`${prefix}${part}`, d[(part.charAt(0).toLowerCase() + part.slice(1)) as keyof Described]])) as PlaceFields<P>;

const missingOf = (prefix: string, d: Described): string[] =>
  PLACE_PARTS.filter((part) => d[(part.charAt(0).toLowerCase() + part.slice(1)) as keyof Described] === null).map((part) => `${prefix}${part}`);

const CTE = { receive: 'receiving', return: 'receiving', ship: 'shipping', consume: 'transformation', produce: 'transformation' } as const;

/**
 * The FSMA 204 record of each event, in the order given.
 * @example fsma204Records(events, { parties, locations })[0].cte // 'receiving'
 */
export function fsma204Records(events: readonly CteEvent[], places: Places): Fsma204Record[] {
  return events.map((e) => {
    const cte = CTE[e.type];
    const here = e.type === 'receive' || e.type === 'return' || e.type === 'produce' ? e.to : e.from;
    const location = ofLocation(here, places);
    const partner = cte === 'transformation' ? UNKNOWN : ofParty(e.party, places);
    // The TLC source is a party (a supplier) or one of our locations (where a lot was produced).
    const sourceParty = e.tlcSource !== null && places.parties.has(e.tlcSource) ? ofParty(e.tlcSource, places) : null;
    const sourceLocation = sourceParty === null && e.tlcSource !== null && places.locations.has(e.tlcSource) ? ofLocation(e.tlcSource, places) : null;
    const source: Described = sourceParty ?? sourceLocation ?? { ...UNKNOWN, name: e.tlcSource };
    const tlcSourceRef = e.tlcSourceRef ?? sourceParty?.ref ?? sourceLocation?.gln ?? null;
    const missing: string[] = [];
    if (e.lot === null) missing.push('tlc');
    for (const k of ['commodity', 'variety', 'packSize', 'packStyle'] as const) if (e.description[k] === null) missing.push(k);
    if (cte !== 'transformation') missing.push(...missingOf('partner', partner));
    missing.push(...missingOf('location', location));
    // 1.1345 and 1.1340 ask for the TLC source's location description or its reference: either will do.
    const sourceMissing = tlcSourceRef === null ? missingOf('tlcSource', source) : [];
    if (sourceMissing.length > 0) missing.push(...sourceMissing, 'tlcSourceRef');
    if (e.ref === null) missing.push('ref');
    return {
      cte, role: e.type === 'consume' ? 'input' : e.type === 'produce' ? 'output' : null, date: e.date, tlc: e.lot, sku: e.sku,
      product: e.product, ...e.description, qty: e.qty, unit: e.unit,
      ...fields('partner', partner), ...fields('location', location), ...fields('tlcSource', source), tlcSourceRef,
      refType: e.refType, ref: e.ref, batchId: e.batchId, movementId: e.id, missing,
    };
  });
}
