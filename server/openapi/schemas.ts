/**
 * The answer and request shapes of the API as JSON Schema 2020-12 (OpenAPI 3.1 component
 * schemas). Answers are `additionalProperties: false` where the server's shape is fixed, so a
 * field the server starts sending, or stops sending, fails the HTTP suite until it is described.
 */
import { ERROR_CODES, PROBLEM_CODES } from '../../shared/problems';
import { MOVEMENT_TYPES, ROW_FIELDS } from '../../shared/rows';
import { ROLES } from '../env';
import { PARTY_KINDS } from '../../shared/parties';
import { DESCRIPTION_FIELDS } from '../../shared/descriptions';
import { ITEM_DESCRIPTION_FIELDS } from '../../shared/master';
import { FSMA204_COLUMNS } from '../ledger/exports/fsma204';

export type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** An object whose every property is required and no other is allowed. */
export const closed = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});

export const text: Schema = { type: 'string' };

/** The JSON type of each field of an FSMA 204 record. */
function fsmaType(key: string): Schema {
  if (key === 'cte') return { enum: ['receiving', 'shipping', 'transformation'] };
  if (key === 'role') return { enum: ['input', 'output', null] };
  if (key === 'date') return { type: 'string', format: 'date' };
  if (key === 'qty') return { type: 'number' };
  if (key === 'movementId') return { type: 'integer' };
  if (key === 'missing') return { type: 'array', items: { type: 'string' } };
  if (['sku', 'product', 'unit', 'batchId'].includes(key)) return { type: 'string' };
  return { type: ['string', 'null'] };
}
export const nullableText: Schema = { type: ['string', 'null'] };
export const date: Schema = { type: 'string', format: 'date', description: 'An ISO date, YYYY-MM-DD.' };
const nullableDate: Schema = { type: ['string', 'null'], format: 'date' };
const instant: Schema = { type: 'string', format: 'date-time' };
const qty: Schema = { type: 'number', description: 'A quantity, exact to 3 decimals.' };
const positiveQty: Schema = { type: 'number', exclusiveMinimum: 0, description: 'Always positive, exact to 3 decimals.' };
const listOf = (name: string): Schema => ({ type: 'array', items: ref(name) });
const UNIT_STATES = ['in_stock', 'shipped', 'scrapped'];


const batchSummary: Record<string, Schema> = {
  batchId: text,
  postedAt: instant,
  postedBy: text,
  rows: { type: 'integer', minimum: 0 },
  source: ref('BatchSource'),
  voidedBy: nullableText,
  voids: { type: ['string', 'null'], description: 'On a reversing batch: the batch it voids.' },
  reason: { type: ['string', 'null'], description: 'On a reversing batch: why.' },
};

const lotHeader = closed({ sku: text, lot: text, expiry: nullableDate, firstReceived: nullableDate, held: { type: 'boolean' } });
const customerExposure: Record<string, Schema> = {
  party: text,
  shipped: qty,
  returned: qty,
  qty: { type: 'number', description: 'shipped − returned: what the customer still holds.' },
  refs: { type: 'array', items: text, description: 'Order numbers of the shipments, in shipping order.' },
  lastShipped: nullableDate,
};
const lotKey = closed({ sku: text, lot: text });
const held: Schema = { type: 'boolean', description: 'On hold: the lot, or for a unit the unit or its lot.' };

export const schemas: Record<string, Schema> = {
  Error: {
    type: 'object',
    description: 'Every error answer. `problems` is there when rows of the request are at fault.',
    required: ['error'],
    additionalProperties: false,
    properties: {
      error: closed({ code: { enum: [...ERROR_CODES] }, message: { type: 'string', minLength: 1 } }),
      problems: listOf('Problem'),
    },
  },
  Problem: {
    // batchId is there on possible_duplicate alone
    ...closed({
      row: { type: 'integer', minimum: 0, description: '0-based index into the submitted rows (or items, or locations).' },
      field: { type: 'string', description: 'The field the clerk must change.' },
      code: { enum: [...PROBLEM_CODES] },
      severity: { enum: ['error', 'warning'] },
      message: { type: 'string', minLength: 1, description: 'A sentence a clerk can act on.' },
      batchId: { type: 'string', description: '`possible_duplicate`: the earlier batch the row repeats.' },
    }, 'One problem with one field of one submitted row.'),
    required: ['row', 'field', 'code', 'severity', 'message'],
  },
  Movement: closed({
    id: { type: 'integer' },
    batchId: text,
    type: { enum: [...MOVEMENT_TYPES] },
    date,
    sku: text,
    lot: nullableText,
    serial: nullableText,
    qty: positiveQty,
    from: nullableText,
    to: nullableText,
    party: nullableText,
    ref: nullableText,
    note: nullableText,
    postedAt: instant,
    postedBy: text,
    voidedBy: { type: ['string', 'null'], description: 'The batch that voided this movement\'s batch.' },
    reverses: { type: ['integer', 'null'], description: 'The movement this reversal undoes.' },
  }, 'A movement in any report: qty positive, the direction given by from and to.'),
  CustomerExposure: closed(customerExposure),
  Health: closed({ ok: { const: true } }),
  Me: closed({ workspace: text, role: { enum: [...ROLES] }, tokenName: text }),
  Item: closed({
    sku: text, name: text, unit: text, lotTracked: { type: 'boolean' }, serialTracked: { type: 'boolean' },
    requiresExpiry: { type: 'boolean' }, gtin: { type: ['string', 'null'], pattern: '^\\d{14}$', description: 'Stored as GTIN-14.' },
    warrantyDays: { type: ['integer', 'null'], minimum: 0, description: 'Whole days of warranty from the last shipment to a customer; null: none.' },
    ...Object.fromEntries(ITEM_DESCRIPTION_FIELDS.map((f) => [f, nullableText])),
  }),
  Location: closed({
    code: text, name: nullableText, quarantine: { type: 'boolean', description: 'Held stock may be moved here.' },
    businessName: nullableText, gln: { type: ['string', 'null'], pattern: '^\\d{13}$', description: 'GS1 Global Location Number.' },
    phone: nullableText, address: nullableText, city: nullableText, region: nullableText, postalCode: nullableText, country: nullableText,
  }),
  Party: closed({
    name: text, kind: { enum: [...PARTY_KINDS] },
    gln: { type: ['string', 'null'], pattern: '^\\d{13}$', description: 'GS1 Global Location Number.' },
    ffrn: { type: ['string', 'null'], pattern: '^\\d{11}$', description: 'FDA Food Facility Registration Number.' },
    phone: nullableText, address: nullableText, city: nullableText, region: nullableText, postalCode: nullableText, country: nullableText,
  }),
  Upserted: closed({ upserted: { type: 'integer', minimum: 0 } }),
  Fsma204: closed({ records: listOf('Fsma204Record') }),
  Fsma204Record: closed(Object.fromEntries(FSMA204_COLUMNS.map(({ key, explains }) => [key, { ...fsmaType(key), description: explains }]))),
  TokenCreated: closed({
    token: { type: 'string', description: 'The secret, shown this once.' }, name: text, role: { enum: [...ROLES] },
  }),
  Token: closed({ name: text, role: { enum: [...ROLES] }, createdAt: instant }),
  TokenRevoked: closed({ revoked: text }),
  BatchSource: {
    type: ['object', 'null'],
    description: 'Where the rows came from in the workbook; null when the client did not say.',
    required: ['workbook', 'sheet', 'range'],
    additionalProperties: false,
    properties: { workbook: nullableText, sheet: nullableText, range: nullableText },
  },
  BatchSummary: closed(batchSummary),
  Batch: closed({ ...batchSummary, movements: listOf('Movement') }, 'A batch with its movements in row order.'),
  Posted: {
    type: 'object',
    required: ['batchId', 'posted', 'warnings'],
    additionalProperties: false,
    properties: {
      batchId: text, posted: { type: 'integer', minimum: 0 }, warnings: listOf('Problem'),
      replayed: { const: true, description: 'On the answer to a repeated Idempotency-Key: nothing new was posted.' },
    },
  },
  DryRun: closed({ ok: { type: 'boolean' }, problems: listOf('Problem') }),
  Voided: closed({ batchId: { type: 'string', description: 'The reversing batch.' } }),
  LotTrace: closed({
    lot: lotHeader,
    onHand: { type: 'array', items: closed({ location: text, qty }) },
    receipts: listOf('Movement'),
    shipments: listOf('Movement'),
    returns: listOf('Movement'),
    customers: listOf('CustomerExposure'),
    madeFrom: { type: 'array', items: ref('LinkedLot'), description: 'The inputs of the transformations that produced the lot.' },
    usedIn: { type: 'array', items: ref('LinkedLot'), description: 'The outputs made from the lot.' },
    movements: listOf('Movement'),
  }),
  SerialTrace: closed({
    unit: closed({
      sku: text, serial: text, lot: nullableText,
      state: { enum: [...UNIT_STATES, null], description: 'Null when the ledger holds no unit: its receipt was voided.' },
      location: nullableText, party: nullableText,
    }),
    warranty: ref('Warranty'),
    movements: listOf('Movement'),
  }),
  Recall: closed({
    sku: text,
    lots: { type: 'array', items: closed({ lot: text, expiry: nullableDate, firstReceived: nullableDate }) },
    derived: { type: 'array', items: ref('DerivedLot'), description: 'Every lot made, directly or not, from a recalled lot.' },
    customers: {
      type: 'array',
      items: closed({
        ...customerExposure,
        lots: { type: 'array', items: closed({ sku: text, lot: text, qty }), description: 'What the party still holds of each lot.' },
      }, 'One row per party, its totals over the recalled and derived lots.'),
    },
    onHand: { type: 'array', items: closed({ sku: text, location: text, lot: text, qty, held }) },
    units: {
      type: 'array',
      items: closed({ sku: text, serial: text, lot: nullableText, state: { enum: UNIT_STATES }, location: nullableText, party: nullableText, held }),
    },
  }),
  Expiring: closed({
    today: date,
    days: { type: 'integer', minimum: 0 },
    lots: {
      type: 'array',
      items: closed({
        sku: text, lot: text, expiry: date, daysLeft: { type: 'integer' }, expired: { type: 'boolean' }, location: text, qty, held,
      }),
    },
  }),
  OnHand: closed({
    asOf: date,
    rows: { type: 'array', items: closed({ sku: text, lot: nullableText, serial: nullableText, location: text, qty, held }) },
  }),
  Held: closed({ held: { type: 'integer', minimum: 0, description: 'Lots and units newly held; one already held counts 0.' } }),
  Released: closed({ released: { type: 'integer', minimum: 0 } }),
  Hold: closed({
    sku: text, lot: { type: ['string', 'null'], description: 'The held lot, or the held unit\'s lot.' },
    serial: { type: ['string', 'null'], description: 'Set on a hold of one unit.' },
    reason: text, heldAt: instant, heldBy: text,
    releasedAt: { type: ['string', 'null'], format: 'date-time' }, releasedBy: nullableText, releaseReason: nullableText,
  }, 'A hold ever placed, and its release if any.'),
  HoldList: closed({ holds: listOf('Hold') }),
  LinkedLot: closed({
    sku: text, lot: nullableText, serial: nullableText, qty: positiveQty, ref: { type: 'string', description: 'The work order.' }, date,
  }, 'A lot or unit on the other side of a transformation, with the quantity consumed (madeFrom) or produced (usedIn).'),
  DerivedLot: closed({ sku: text, lot: text, depth: { type: 'integer', minimum: 1 }, via: { type: 'string', description: 'The work order that made it.' } }),
  Genealogy: closed({
    nodes: { type: 'array', items: closed({ sku: text, lot: text, depth: { type: 'integer', minimum: 0 } }) },
    edges: { type: 'array', items: closed({ from: lotKey, to: lotKey, ref: text, date }) },
  }, 'The family tree of a lot: edges run from an input lot to an output lot.'),
  Warranty: {
    type: ['object', 'null'], required: ['shippedOn', 'until', 'active'], additionalProperties: false,
    description: 'Null when the item has no warranty or the unit was never shipped.',
    properties: { shippedOn: date, until: date, active: { type: 'boolean', description: 'Today (UTC) is on or before until.' } },
  },
  MovementsPage: closed({
    movements: listOf('Movement'),
    nextCursor: { type: ['string', 'null'], description: 'Pass as cursor= for the next page; null on the last page.' },
  }),
  Lookup: closed({
    onHand: { type: 'array', description: 'In the order asked.', items: closed({ qty, found: { type: 'boolean' } }) },
    lots: {
      type: 'array', description: 'In the order asked.',
      items: closed({ expiry: nullableDate, held: { type: 'boolean' }, onHand: qty, found: { type: 'boolean' } }),
    },
    serials: {
      type: 'array', description: 'In the order asked.',
      items: closed({
        state: { enum: [...UNIT_STATES, null] }, location: nullableText, party: nullableText, lot: nullableText, sku: nullableText,
        found: { type: 'boolean' },
      }),
    },
  }),
  // Requests: what the server accepts (a sheet's cells: text or numbers).
  ItemInput: {
    type: 'object',
    required: ['sku', 'name', 'lotTracked', 'serialTracked'],
    additionalProperties: true,
    properties: {
      sku: { type: ['string', 'number'] }, name: { type: ['string', 'number'] },
      unit: { type: ['string', 'number', 'null'], description: 'A UN/ECE Rec 20 or 21 code (EA, CS, BX, KGM, LBR …) or a common word for one (each, case, box, bag, kg, lb …); default EA.' },
      lotTracked: { type: ['boolean', 'string', 'number'], description: 'true/false, 1/0 or yes/no.' },
      serialTracked: { type: ['boolean', 'string', 'number'] },
      requiresExpiry: { type: ['boolean', 'string', 'number', 'null'] },
      gtin: { type: ['string', 'number', 'null'], description: '8, 12, 13 or 14 digits with a right check digit.' },
      warrantyDays: { type: ['integer', 'string', 'null'], description: 'Whole days of warranty (0–36500); blank: none.' },
      ...Object.fromEntries(ITEM_DESCRIPTION_FIELDS.map((f) => [f, { type: ['string', 'number', 'null'], description: 'Product description, at most 100 characters.' }])),
    },
  },
  PartyInput: {
    type: 'object', required: ['name', 'kind'], additionalProperties: true,
    properties: {
      name: { type: ['string', 'number'] },
      kind: { type: 'string', description: 'supplier, customer or both (vendor, grower, farm, client, buyer are read too).' },
      ...Object.fromEntries(['gln', 'ffrn', ...DESCRIPTION_FIELDS.filter((f) => f !== 'gln')].map((f) => [f, { type: ['string', 'number', 'null'] }])),
    },
  },
  LocationInput: {
    type: 'object', required: ['code'], additionalProperties: true,
    properties: {
      code: { type: ['string', 'number'] }, name: { type: ['string', 'number', 'null'] },
      quarantine: { type: ['boolean', 'string', 'number', 'null'], description: 'yes: a quarantine location, where held stock may go. Default no.' },
      businessName: { type: ['string', 'number', 'null'] },
      ...Object.fromEntries(DESCRIPTION_FIELDS.map((f) => [f, { type: ['string', 'number', 'null'] }])),
    },
  },
  HoldRequest: {
    type: 'object', required: ['sku', 'reason'], additionalProperties: false,
    description: 'Lots or serial units of one item (at least one), with a reason.',
    properties: {
      sku: text,
      lots: { type: 'array', items: { type: ['string', 'number'] }, maxItems: 10000 },
      serials: { type: 'array', items: { type: ['string', 'number'] }, maxItems: 10000 },
      reason: { type: 'string', minLength: 1, maxLength: 1000 },
    },
  },
  Row: {
    type: 'object',
    description: 'A row to post: each field text, a number or null. `gs1` (a scan) may stand in for sku, lot, expiry and serial.',
    additionalProperties: false,
    properties: Object.fromEntries(ROW_FIELDS.map((f) => [f, { type: ['string', 'number', 'null'] }])),
  },
  LookupRequest: {
    type: 'object', additionalProperties: false,
    description: 'Each list optional; at most 10,000 entries in all (more: 413 too_large). Key parts are text or numbers, as cells hold them; blank is absent.',
    properties: {
      onHand: { type: 'array', items: { type: 'object', required: ['sku'], additionalProperties: false, properties: { sku: { type: ['string', 'number', 'null'] }, lot: { type: ['string', 'number', 'null'] }, location: { type: ['string', 'number', 'null'] } } } },
      lots: { type: 'array', items: { type: 'object', required: ['sku', 'lot'], additionalProperties: false, properties: { sku: { type: ['string', 'number', 'null'] }, lot: { type: ['string', 'number', 'null'] } } } },
      serials: { type: 'array', items: { type: 'object', required: ['serial'], additionalProperties: false, properties: { serial: { type: ['string', 'number', 'null'] }, sku: { type: ['string', 'number', 'null'] } } } },
    },
  },
  BatchRequest: {
    type: 'object',
    required: ['rows'],
    additionalProperties: false,
    properties: {
      rows: { type: 'array', items: ref('Row'), description: 'At least one row unless dryRun.' },
      dryRun: { type: 'boolean', default: false },
      duplicatesConfirmed: {
        type: 'boolean', default: false,
        description: 'Post rows that repeat a row of an earlier batch (possible_duplicate); they are then listed as warnings.',
      },
      source: {
        type: ['object', 'null'], additionalProperties: false,
        properties: Object.fromEntries(['workbook', 'sheet', 'range'].map((f) => [f, { type: ['string', 'null'], maxLength: 255 }])),
      },
    },
  },
};
