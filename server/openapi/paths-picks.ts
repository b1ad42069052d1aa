/** The pick-list path (docs/API.md "Pick lists") and its schemas. */
import { AUTHENTICATED, FORBIDDEN, WRITE_ERRORS, errorAnswer, jsonAnswer, jsonBody } from './responses';
import { closed, date, nullableText, ref, text, type Schema } from './schemas';

const quantity: Schema = { type: 'number', minimum: 0, description: 'A quantity, exact to 3 decimals.' };

export const pickSchemas: Record<string, Schema> = {
  PickListRequest: {
    type: 'object', required: ['lines'], additionalProperties: false,
    description: 'The order lines to pick, in the order they are served.',
    properties: {
      lines: {
        type: 'array', minItems: 1, maxItems: 10000,
        items: {
          type: 'object', required: ['sku', 'qty'], additionalProperties: false,
          properties: {
            sku: { type: 'string', minLength: 1 }, qty: { type: ['number', 'string'] },
            party: { type: ['string', 'null'], maxLength: 255, description: 'The customer; carried by the caller, not used here.' },
            ref: { type: ['string', 'null'], maxLength: 255, description: 'The order; carried by the caller, not used here.' },
          },
        },
      },
      from: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Locations to pick from; absent: every location that is not a quarantine.' },
      minShelfLifeDays: { type: 'integer', minimum: 0, maximum: 3650, description: 'Days a picked lot must still have before its expiry.' },
      date: { ...date, description: 'The day of the pick; absent: today (UTC).' },
    },
  },
  Pick: closed({ lot: nullableText, serial: nullableText, location: text, qty: { type: 'number', exclusiveMinimum: 0 }, expiry: { type: ['string', 'null'], format: 'date' } }),
  PickedLine: closed({
    line: { type: 'integer', minimum: 0, description: 'The 0-based index of the request line.' },
    sku: text, qty: quantity, picks: { type: 'array', items: ref('Pick') },
    short: { ...quantity, description: 'What could not be allocated (0 when complete).' },
  }),
  PickList: closed({ lines: { type: 'array', items: ref('PickedLine') } }),
};

export const pickPaths: Record<string, Schema> = {
  '/v1/pick-lists': {
    post: {
      operationId: 'makePickList', tags: ['batches'],
      summary: 'A pick list, first expiry first out: held, expired and short-dated lots skipped (clerk). Nothing is stored or reserved.',
      requestBody: jsonBody(ref('PickListRequest')),
      responses: {
        200: jsonAnswer('Each line with its picks in pick order and what is short.', 'PickList'),
        ...WRITE_ERRORS, ...AUTHENTICATED, ...FORBIDDEN,
        422: errorAnswer('A line names an unknown SKU (row: the line, field sku), a location in from is unknown (row: its index in from), or a quantity is not one (field qty; a serial item takes whole units).', ['invalid_rows']),
      },
    },
  },
};
