/**
 * The answer and request shapes of the API as JSON Schema 2020-12 (OpenAPI 3.1 component
 * schemas). Answers are `additionalProperties: false` where the server's shape is fixed, so a
 * field the server starts sending, or stops sending, fails the HTTP suite until it is described.
 */
import { ERROR_CODES, PROBLEM_CODES } from '../../shared/problems';
import { MOVEMENT_TYPES, ROW_FIELDS } from '../../shared/rows';
import { ROLES } from '../env';

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

const lotHeader = closed({ sku: text, lot: text, expiry: nullableDate, firstReceived: nullableDate });

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
  CustomerExposure: closed({
    party: text,
    shipped: qty,
    returned: qty,
    qty: { type: 'number', description: 'shipped − returned: what the customer still holds.' },
    refs: { type: 'array', items: text, description: 'Order numbers of the shipments, in shipping order.' },
    lastShipped: nullableDate,
  }),
  Health: closed({ ok: { const: true } }),
  Me: closed({ workspace: text, role: { enum: [...ROLES] }, tokenName: text }),
  Item: closed({
    sku: text, name: text, unit: text, lotTracked: { type: 'boolean' }, serialTracked: { type: 'boolean' },
    requiresExpiry: { type: 'boolean' }, gtin: { type: ['string', 'null'], pattern: '^\\d{14}$', description: 'Stored as GTIN-14.' },
  }),
  Location: closed({ code: text, name: nullableText }),
  Upserted: closed({ upserted: { type: 'integer', minimum: 0 } }),
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
    movements: listOf('Movement'),
  }),
  SerialTrace: closed({
    unit: closed({
      sku: text, serial: text, lot: nullableText,
      state: { enum: [...UNIT_STATES, null], description: 'Null when the ledger holds no unit: its receipt was voided.' },
      location: nullableText, party: nullableText,
    }),
    movements: listOf('Movement'),
  }),
  Recall: closed({
    sku: text,
    lots: { type: 'array', items: closed({ lot: text, expiry: nullableDate, firstReceived: nullableDate }) },
    customers: listOf('CustomerExposure'),
    onHand: { type: 'array', items: closed({ location: text, lot: text, qty }) },
    units: {
      type: 'array',
      items: closed({ serial: text, lot: nullableText, state: { enum: UNIT_STATES }, location: nullableText, party: nullableText }),
    },
  }),
  Expiring: closed({
    today: date,
    days: { type: 'integer', minimum: 0 },
    lots: {
      type: 'array',
      items: closed({
        sku: text, lot: text, expiry: date, daysLeft: { type: 'integer' }, expired: { type: 'boolean' }, location: text, qty,
      }),
    },
  }),
  OnHand: closed({
    asOf: date,
    rows: { type: 'array', items: closed({ sku: text, lot: nullableText, serial: nullableText, location: text, qty }) },
  }),
  MovementsPage: closed({
    movements: listOf('Movement'),
    nextCursor: { type: ['string', 'null'], description: 'Pass as cursor= for the next page; null on the last page.' },
  }),
  // Requests: what the server accepts (a sheet's cells: text or numbers).
  ItemInput: {
    type: 'object',
    required: ['sku', 'name', 'lotTracked', 'serialTracked'],
    additionalProperties: true,
    properties: {
      sku: { type: ['string', 'number'] }, name: { type: ['string', 'number'] },
      unit: { type: ['string', 'number', 'null'], description: 'Defaults to each.' },
      lotTracked: { type: ['boolean', 'string', 'number'], description: 'true/false, 1/0 or yes/no.' },
      serialTracked: { type: ['boolean', 'string', 'number'] },
      requiresExpiry: { type: ['boolean', 'string', 'number', 'null'] },
      gtin: { type: ['string', 'number', 'null'], description: '8, 12, 13 or 14 digits with a right check digit.' },
    },
  },
  LocationInput: {
    type: 'object', required: ['code'], additionalProperties: true,
    properties: { code: { type: ['string', 'number'] }, name: { type: ['string', 'number', 'null'] } },
  },
  Row: {
    type: 'object',
    description: 'A row to post: each field text, a number or null. `gs1` (a scan) may stand in for sku, lot, expiry and serial.',
    additionalProperties: false,
    properties: Object.fromEntries(ROW_FIELDS.map((f) => [f, { type: ['string', 'number', 'null'] }])),
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
