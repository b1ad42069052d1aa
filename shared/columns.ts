/**
 * Column names: which field of a row a sheet's header means, and which row of a pasted
 * block is the header. Pure, shared by the pane and anything else that reads sheets.
 */
import type { RowField } from './rows';

/**
 * What a movement sheet's column can stand for: a row field, `location` (the `to` of a
 * receipt or return, the `from` of a shipment or scrap — resolved per row), or `status`
 * (the pane's own status column, never read as data). `bol` is a bill of lading column: its
 * number is the row's `ref` with ref type BOL, unless a Ref column gives one.
 */
export type MovementColumn = RowField | 'location' | 'bol' | 'status';

/** The columns of an item master sheet (docs/API.md `POST /v1/items`). */
export type ItemColumn = 'sku' | 'name' | 'unit' | 'lotTracked' | 'serialTracked' | 'requiresExpiry' | 'gtin' | 'warrantyDays'
  | 'brand' | 'commodity' | 'variety' | 'packSize' | 'packStyle' | 'status';

/** The description columns locations and parties share (docs/API.md "Parties and location descriptions"). */
type DescriptionColumn = 'gln' | 'phone' | 'address' | 'city' | 'region' | 'postalCode' | 'country';

/** The columns of a location sheet (docs/API.md `POST /v1/locations`). */
export type LocationColumn = 'code' | 'name' | 'quarantine' | 'businessName' | DescriptionColumn | 'status';

/** The columns of a party sheet (docs/API.md `POST /v1/parties`). */
export type PartyColumn = 'name' | 'kind' | 'ffrn' | DescriptionColumn | 'status';

/** For each column, its field, or null when the column is not read (a description, say). */
export type ColumnMap<F extends string> = (F | null)[];

/**
 * Header text reduced to lowercase letters and digits, with `#` and "number" read as "no",
 * so "Lot #", "Lot No.", "lot_number" and "LOT NO" all meet as `lotno`.
 * @example headerKey('Serial No.') // 'serialno'
 */
export function headerKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/#/g, ' no ')
    .replace(/[^a-z0-9]+/g, '')
    .replace(/number|num|nr/g, 'no');
}

const MOVEMENT_SYNONYMS: Record<MovementColumn, string[]> = {
  type: ['type', 'movement', 'movementtype', 'transaction', 'transactiontype', 'txn', 'action', 'kind'],
  date: ['date', 'receiptdate', 'receiveddate', 'datereceived', 'received', 'receivedon', 'shipdate',
    'shippeddate', 'movementdate', 'postingdate', 'transactiondate', 'docdate', 'documentdate'],
  sku: ['sku', 'item', 'itemcode', 'itemno', 'itemid', 'product', 'productcode', 'productno', 'partno',
    'part', 'article', 'articleno', 'material', 'materialno', 'skucode'],
  lot: ['lot', 'lotno', 'lotcode', 'lotid', 'batch', 'batchno', 'batchcode', 'batchid', 'lotbatch', 'batchlot'],
  serial: ['serial', 'serialno', 'sn', 'serialcode', 'serialid', 'snno'],
  expiry: ['expiry', 'expirydate', 'exp', 'expdate', 'expires', 'expiration', 'expirationdate', 'bestbefore',
    'bestbeforedate', 'bbd', 'useby', 'usebydate', 'bestby'],
  qty: ['qty', 'quantity', 'qtyreceived', 'receivedqty', 'qtyshipped', 'shippedqty', 'units', 'count', 'pcs',
    'pieces'],
  from: ['from', 'fromlocation', 'fromloc', 'source', 'sourcelocation', 'fromwarehouse', 'frombin'],
  to: ['to', 'tolocation', 'toloc', 'destination', 'destinationlocation', 'towarehouse', 'tobin'],
  location: ['location', 'loc', 'locationcode', 'bin', 'binlocation', 'warehouse', 'storagelocation', 'shelf'],
  party: ['party', 'supplier', 'vendor', 'customer', 'shipto', 'consignee', 'soldto', 'suppliername',
    'vendorname', 'customername'],
  ref: ['ref', 'reference', 'po', 'pono', 'purchaseorder', 'purchaseorderno', 'order', 'orderno',
    'salesorder', 'so', 'sono', 'rma', 'rmano', 'reason', 'docno', 'documentno',
    'workorder', 'workorderno', 'wo', 'wono', 'productionorder', 'productionorderno', 'joborder', 'jobno'],
  note: ['note', 'notes', 'comment', 'comments', 'remark', 'remarks'],
  gs1: ['gs1', 'barcode', 'scan', 'scandata', 'gs1barcode', 'gs1code', 'udi', 'datamatrix', 'scannedcode'],
  tlcSource: ['tlcsource', 'traceabilitylotcodesource', 'lotcodesource', 'tlcsourcelocation'],
  tlcSourceRef: ['tlcsourceref', 'tlcsourcereference', 'tlcsourcegln', 'tlcsourceffrn', 'lotcodesourceref'],
  refType: ['reftype', 'referencetype', 'doctype', 'documenttype', 'referencedocumenttype'],
  bol: ['bol', 'bolno', 'billoflading', 'billofladingno', 'bl', 'blno'],
  status: ['status', 'lotledgerstatus'],
};

const ITEM_SYNONYMS: Record<ItemColumn, string[]> = {
  sku: ['sku', 'item', 'itemcode', 'itemno', 'productcode', 'partno'],
  name: ['name', 'description', 'itemname', 'productname'],
  unit: ['unit', 'uom', 'unitofmeasure'],
  lotTracked: ['lottracked', 'lot', 'lots', 'batchtracked', 'tracklots'],
  serialTracked: ['serialtracked', 'serial', 'serials', 'serialised', 'serialized', 'trackserials'],
  requiresExpiry: ['requiresexpiry', 'expiry', 'expiryrequired', 'needsexpiry'],
  gtin: ['gtin', 'ean', 'upc', 'barcode'],
  warrantyDays: ['warrantydays', 'warranty', 'warrantyperiod', 'warrantyperioddays', 'daysofwarranty'],
  brand: ['brand', 'brandname'],
  commodity: ['commodity'],
  variety: ['variety', 'cultivar'],
  packSize: ['packsize', 'packagingsize', 'packagesize'],
  packStyle: ['packstyle', 'packagingstyle', 'packagestyle', 'packtype', 'packagingtype'],
  status: ['status', 'lotledgerstatus'],
};

const DESCRIPTION_SYNONYMS: Record<DescriptionColumn, string[]> = {
  gln: ['gln', 'globallocationno'],
  phone: ['phone', 'phoneno', 'telephone', 'tel', 'telno', 'telephoneno'],
  address: ['address', 'streetaddress', 'street', 'address1', 'addressline1'],
  city: ['city', 'town'],
  region: ['region', 'state', 'province', 'stateprovince', 'stateregion'],
  postalCode: ['postalcode', 'zip', 'zipcode', 'postcode', 'postal'],
  country: ['country', 'countrycode'],
};

const LOCATION_SYNONYMS: Record<LocationColumn, string[]> = {
  code: ['code', 'location', 'locationcode', 'loc', 'bin'],
  name: ['name', 'description', 'locationname'],
  quarantine: ['quarantine', 'quarantinelocation', 'isquarantine'],
  businessName: ['businessname', 'business', 'company', 'companyname', 'legalname'],
  ...DESCRIPTION_SYNONYMS,
  status: ['status', 'lotledgerstatus'],
};

const PARTY_SYNONYMS: Record<PartyColumn, string[]> = {
  name: ['name', 'party', 'partyname', 'businessname', 'company', 'companyname', 'suppliername', 'customername'],
  kind: ['kind', 'type', 'partytype', 'role', 'suppliercustomer'],
  ffrn: ['ffrn', 'fdaregistration', 'fdaregistrationno', 'foodfacilityregistration', 'foodfacilityregistrationno', 'fdafacilityregistrationno'],
  ...DESCRIPTION_SYNONYMS,
  status: ['status', 'lotledgerstatus'],
};

type Lookup<F extends string> = Map<string, F>;
const lookup = <F extends string>(table: Record<F, string[]>): Lookup<F> =>
  new Map(Object.entries<string[]>(table).flatMap(([f, keys]) => keys.map((k) => [k, f as F] as const)));

const MOVEMENT = lookup(MOVEMENT_SYNONYMS);
const ITEM = lookup(ITEM_SYNONYMS);
const LOCATION = lookup(LOCATION_SYNONYMS);
const PARTY = lookup(PARTY_SYNONYMS);

/** The kinds of sheet the pane reads, each with its own column names. */
export type SheetKind = 'movements' | 'items' | 'locations' | 'parties';
export type ColumnOf<K extends SheetKind> = K extends 'movements' ? MovementColumn : K extends 'items' ? ItemColumn
  : K extends 'locations' ? LocationColumn : PartyColumn;

const TABLES = { movements: MOVEMENT, items: ITEM, locations: LOCATION, parties: PARTY } as const;

/** Every column a sheet of the given kind can map to, in a sensible order for a picker. */
export const COLUMN_CHOICES = {
  movements: Object.keys(MOVEMENT_SYNONYMS) as MovementColumn[],
  items: Object.keys(ITEM_SYNONYMS) as ItemColumn[],
  locations: Object.keys(LOCATION_SYNONYMS) as LocationColumn[],
  parties: Object.keys(PARTY_SYNONYMS) as PartyColumn[],
};

/**
 * The column a header names, or null when it names nothing LotLedger reads.
 * @example columnFor('movements', 'Best before') // 'expiry'
 */
export function columnFor<K extends SheetKind>(kind: K, header: unknown): ColumnOf<K> | null {
  if (typeof header !== 'string') return null;
  return (TABLES[kind].get(headerKey(header)) as ColumnOf<K> | undefined) ?? null;
}

/**
 * Maps a header row: each column to its field; a field named twice keeps its first column.
 * @example mapHeaders('movements', ['PO #', 'Item code', 'Description']) // ['ref', 'sku', null]
 */
export function mapHeaders<K extends SheetKind>(kind: K, headers: readonly unknown[]): ColumnMap<ColumnOf<K>> {
  const seen = new Set<string>();
  return headers.map((h) => {
    const f = columnFor(kind, h);
    if (f === null || seen.has(f)) return null;
    seen.add(f);
    return f;
  });
}

export interface HeaderFound<F extends string> {
  /** Index of the header row within the rows given. */
  row: number;
  columns: ColumnMap<F>;
}

/**
 * Finds the header row among the first rows of a block: the row naming the most known
 * columns (at least two, or one when the block is one column wide), all of them text.
 * Null when no row looks like a header, so the pane can ask rather than guess.
 * @example detectHeader('movements', [['Receiving Nov'], ['PO #', 'Qty', 'Lot #']])?.row // 1
 */
export function detectHeader<K extends SheetKind>(
  kind: K, rows: readonly (readonly unknown[])[], scan = 10,
): HeaderFound<ColumnOf<K>> | null {
  let best: HeaderFound<ColumnOf<K>> | null = null;
  let bestScore = 0;
  rows.slice(0, scan).forEach((cells, row) => {
    const columns = mapHeaders(kind, cells);
    const score = columns.filter((c) => c !== null && c !== 'status').length;
    const needed = Math.min(2, cells.filter((c) => c !== '' && c !== null).length);
    if (score >= Math.max(1, needed) && score > bestScore) {
      best = { row, columns };
      bestScore = score;
    }
  });
  return best;
}
