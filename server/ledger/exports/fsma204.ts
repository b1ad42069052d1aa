/**
 * The FDA FSMA 204 "electronic sortable spreadsheet" (21 CFR 1.1455(c)): one record per critical
 * tracking event row, with the key data elements of 1.1345 (receiving), 1.1340 (shipping) and
 * 1.1350 (transformation). Pure: events and the described places in, records out. A key data
 * element the ledger cannot fill is named in the record's `missing`, never left blank silently.
 */
import type { Party } from '../../../shared/parties';
import type { Location } from '../../../shared/rows';
import type { CteEvent } from './events';

/** A place's description as the records print it. */
interface Described { name: string | null; phone: string | null; address: string | null; city: string | null; region: string | null; postalCode: string | null; country: string | null }

const PLACE_PARTS = ['Name', 'Phone', 'Address', 'City', 'Region', 'PostalCode', 'Country'] as const;
type PlaceFields<P extends string> = { [K in `${P}${(typeof PLACE_PARTS)[number]}`]: string | null };

export type Fsma204Record = {
  cte: 'receiving' | 'shipping' | 'transformation';
  /** On a transformation record: whether the lot went in or came out. */
  role: 'input' | 'output' | null;
  date: string;
  tlc: string | null;
  sku: string;
  product: string;
  brand: string | null;
  commodity: string | null;
  variety: string | null;
  packSize: string | null;
  packStyle: string | null;
  qty: number;
  unit: string;
} & PlaceFields<'partner'> & PlaceFields<'location'> & PlaceFields<'tlcSource'> & {
  tlcSourceRef: string | null;
  refType: string | null;
  ref: string | null;
  batchId: string;
  movementId: number;
  /** The key data elements this record lacks, by field name. */
  missing: string[];
};

/** Plain English column names, in the order of the record's fields (1.1455(c)(1): explained, sortable). */
export const FSMA204_COLUMNS: readonly { key: keyof Fsma204Record; header: string; explains: string }[] = [
  { key: 'cte', header: 'Critical tracking event', explains: 'receiving (receipts and customer returns), shipping, or transformation' },
  { key: 'role', header: 'Transformation role', explains: 'input (used) or output (made), on transformation records' },
  { key: 'date', header: 'Date', explains: 'the day received, shipped or transformed (YYYY-MM-DD)' },
  { key: 'tlc', header: 'Traceability lot code', explains: 'the lot code' },
  { key: 'sku', header: 'SKU', explains: 'the item code' },
  { key: 'product', header: 'Product', explains: 'product name' },
  { key: 'brand', header: 'Brand', explains: 'brand name' },
  { key: 'commodity', header: 'Commodity', explains: 'commodity' },
  { key: 'variety', header: 'Variety', explains: 'variety' },
  { key: 'packSize', header: 'Pack size', explains: 'packaging size' },
  { key: 'packStyle', header: 'Pack style', explains: 'packaging style' },
  { key: 'qty', header: 'Quantity', explains: 'quantity in the unit of measure' },
  { key: 'unit', header: 'Unit of measure', explains: 'UN/ECE Recommendation 20/21 code (EA each, CS case, KGM kilogram, LBR pound …)' },
  ...place('partner', 'Previous source or recipient', 'the immediate previous source (receiving) or the immediate subsequent recipient (shipping)'),
  ...place('location', 'Location', 'where received, shipped from, or transformed'),
  ...place('tlcSource', 'TLC source', 'where the traceability lot code was assigned'),
  { key: 'tlcSourceRef', header: 'TLC source reference', explains: 'GLN (GS1 Global Location Number), FFRN (FDA Food Facility Registration Number) or web address of the TLC source' },
  { key: 'refType', header: 'Reference document type', explains: 'PO purchase order, BOL bill of lading, ASN advance ship notice, INV invoice, WO work order, RMA return authorisation' },
  { key: 'ref', header: 'Reference document number', explains: 'the number of that document' },
  { key: 'batchId', header: 'LotLedger batch', explains: 'the posted batch this record comes from' },
  { key: 'movementId', header: 'LotLedger movement', explains: 'the movement this record comes from' },
  { key: 'missing', header: 'Missing key data elements', explains: 'key data elements not known to LotLedger: describe them in the master data' },
];

function place(prefix: 'partner' | 'location' | 'tlcSource', title: string, what: string) {
  const words: Record<(typeof PLACE_PARTS)[number], string> = {
    Name: 'business name', Phone: 'phone', Address: 'street address', City: 'city', Region: 'state or region', PostalCode: 'ZIP or postal code', Country: 'country',
  };
  return PLACE_PARTS.map((part) => ({
    key: `${prefix}${part}` as keyof Fsma204Record,
    header: `${title} ${words[part].replace('business name', 'name')}`,
    explains: `${words[part]} of ${what}`,
  }));
}

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
