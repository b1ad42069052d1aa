/**
 * The FDA FSMA 204 "electronic sortable spreadsheet" (21 CFR 1.1455(c)) as GET /v1/reports/fsma204
 * answers it: one record per critical tracking event row, and the plain English column of each
 * field with what it means — the server's CSV headers and the pane's sheet and explanation block.
 */

/** A place's description as the records print it. */
export interface Described { name: string | null; phone: string | null; address: string | null; city: string | null; region: string | null; postalCode: string | null; country: string | null }

export const PLACE_PARTS = ['Name', 'Phone', 'Address', 'City', 'Region', 'PostalCode', 'Country'] as const;
export type PlaceFields<P extends string> = { [K in `${P}${(typeof PLACE_PARTS)[number]}`]: string | null };

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

/** GET /v1/reports/fsma204 */
export interface Fsma204Answer { records: Fsma204Record[] }
