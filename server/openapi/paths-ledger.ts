/** Paths of batches (posting, reading, voiding), traces and reports. */
import {
  AUTHENTICATED, FORBIDDEN, INVALID_QUERY, NOT_FOUND, WRITE_ERRORS, errorAnswer, jsonAnswer, jsonBody, param, reportAnswer,
} from './responses';
import { ref, type Schema } from './schemas';

const query = (name: string, description: string, schema: Schema = { type: 'string', maxLength: 200 }, required = false): Schema => ({
  name, in: 'query', required, description, schema,
});

/** A trace or report: viewer, query parameters checked first (400), JSON or CSV. */
const report = (operationId: string, summary: string, parameters: Schema[], ok: Schema, more: Record<string, Schema> = {}): Schema => ({
  get: {
    operationId, summary, tags: ['trace and reports'],
    parameters: [...parameters, param('Format')],
    responses: { 200: ok, ...INVALID_QUERY, ...AUTHENTICATED, ...more },
  },
});

export const ledgerPaths: Record<string, Schema> = {
  '/v1/batches': {
    post: {
      operationId: 'postBatch',
      summary: 'Post rows of movements, all or nothing (clerk); or check them with dryRun.',
      tags: ['batches'],
      parameters: [param('IdempotencyKey')],
      requestBody: jsonBody(ref('BatchRequest')),
      responses: {
        200: jsonAnswer('A dry run: every check ran, nothing was stored.', 'DryRun'),
        201: jsonAnswer('Posted, with the warnings (problems of severity warning). A replay under the same Idempotency-Key adds "replayed": true.', 'Posted'),
        ...WRITE_ERRORS, ...AUTHENTICATED, ...FORBIDDEN,
        409: errorAnswer('The Idempotency-Key was used for another body (idempotency_conflict), or its first request is still being processed (idempotency_in_progress, with Retry-After).',
          ['idempotency_conflict', 'idempotency_in_progress'],
          { 'Retry-After': { description: 'On idempotency_in_progress: seconds to wait.', required: false, schema: { type: 'string', pattern: '^\\d+$' } } }),
        422: errorAnswer('Some rows have errors; nothing was stored and the Idempotency-Key is not held. problems lists every problem, warnings too.', ['invalid_rows']),
      },
    },
    get: {
      operationId: 'listBatches', summary: 'Batches posted between two UTC days, newest first (viewer).', tags: ['batches'],
      parameters: [
        query('from', 'Posted on or after this day, YYYY-MM-DD.', { type: 'string', format: 'date' }),
        query('to', 'Posted on or before this day, YYYY-MM-DD.', { type: 'string', format: 'date' }),
      ],
      responses: {
        200: {
          description: 'The batches.',
          content: {
            'application/json': {
              schema: { type: 'object', required: ['batches'], additionalProperties: false, properties: { batches: { type: 'array', items: ref('BatchSummary') } } },
            },
          },
        },
        ...INVALID_QUERY, ...AUTHENTICATED,
      },
    },
  },
  '/v1/batches/{id}': {
    get: {
      operationId: 'getBatch', summary: 'One batch with its movements in row order (viewer).', tags: ['batches'],
      parameters: [param('BatchId')],
      responses: {
        200: jsonAnswer('The batch.', 'Batch'),
        ...AUTHENTICATED, ...NOT_FOUND,
      },
    },
  },
  '/v1/batches/{id}/void': {
    post: {
      operationId: 'voidBatch', summary: 'Void a batch: post one reversing movement for each of its movements (clerk).', tags: ['batches'],
      parameters: [param('BatchId')],
      requestBody: jsonBody({
        type: 'object', required: ['reason'], additionalProperties: false,
        properties: { reason: { type: 'string', minLength: 1, maxLength: 1000 } },
      }),
      responses: {
        200: jsonAnswer('Voided: the id of the reversing batch.', 'Voided'),
        ...WRITE_ERRORS, ...AUTHENTICATED, ...FORBIDDEN, ...NOT_FOUND,
        409: errorAnswer('A later movement depends on the batch, or it is itself a void (void_blocked); it was voided before (already_voided).',
          ['void_blocked', 'already_voided']),
      },
    },
  },
  '/v1/trace/lot': report('traceLot', 'Where a lot came from and where it went (viewer).',
    [param('Sku'), param('Lot')],
    reportAnswer('The lot, its stock on hand, receipts, shipments, returns, customers and every movement (voided ones and reversals included).', 'LotTrace', 'the movements'),
    NOT_FOUND),
  '/v1/trace/serial': report('traceSerial', 'Where a serial unit is and everywhere it has been (viewer).',
    [query('serial', 'The serial number.', { type: 'string', maxLength: 200 }, true), param('OptionalSku')],
    reportAnswer('The unit and its movements.', 'SerialTrace', 'the movements'),
    { ...NOT_FOUND, 409: errorAnswer('Two items share the serial; add sku= (the message names them).', ['ambiguous_serial']) }),
  '/v1/trace/genealogy': report('genealogy', 'The family tree of a lot through transformations, up (inputs) or down (outputs) (viewer).',
    [param('Sku'), param('Lot'), query('direction', 'up: what it was made from; down: what was made from it.', { enum: ['up', 'down'] }, true)],
    reportAnswer('The lots of the tree with their depth (the lot itself at 0) and the edges, input to output. Voided transformations are left out.', 'Genealogy', 'the nodes'),
    NOT_FOUND),
  '/v1/holds': {
    post: {
      operationId: 'placeHolds', summary: 'Put lots or serial units of one item on hold, with a reason (clerk).', tags: ['holds'],
      requestBody: jsonBody(ref('HoldRequest')),
      responses: {
        201: jsonAnswer('How many were newly held; one already held keeps its first hold and counts 0.', 'Held'),
        ...WRITE_ERRORS, ...AUTHENTICATED, ...FORBIDDEN, ...NOT_FOUND,
        422: errorAnswer('The reason is blank or too long (a problem on reason); nothing was held.', ['invalid_rows']),
      },
    },
    get: {
      operationId: 'listHolds', summary: 'Every hold ever placed, newest first (viewer).', tags: ['holds'],
      parameters: [param('OptionalSku'), query('active', 'true: only holds not released.', { enum: ['true', 'false'] })],
      responses: { 200: jsonAnswer('The holds.', 'HoldList'), ...INVALID_QUERY, ...AUTHENTICATED, ...NOT_FOUND },
    },
  },
  '/v1/holds/release': {
    post: {
      operationId: 'releaseHolds', summary: 'Release the holds of lots or serial units of one item, with a reason (clerk).', tags: ['holds'],
      requestBody: jsonBody(ref('HoldRequest')),
      responses: {
        200: jsonAnswer('How many holds were released.', 'Released'),
        ...WRITE_ERRORS, ...AUTHENTICATED, ...FORBIDDEN, ...NOT_FOUND,
        422: errorAnswer('The reason is blank or too long (a problem on reason); nothing was released.', ['invalid_rows']),
      },
    },
  },
  '/v1/reports/recall': report('recall', 'Who to call and what to pull for a recall of lots of one item and every lot made from them (viewer).',
    [param('Sku'), {
      name: 'lot', in: 'query', required: true, description: 'A lot to recall; repeat for several (at most 500).',
      style: 'form', explode: true, schema: { type: 'array', items: { type: 'string', maxLength: 200 }, minItems: 1, maxItems: 500 },
    }],
    reportAnswer('The lots derived from them (through transformations, to any depth), customers (shipped − returned, per party over all those lots), stock on our shelves and serial units, each with held.', 'Recall', 'the customers (party, shipped, returned, qty, refs joined by "; ", lastShipped)'),
    NOT_FOUND),
  '/v1/reports/expiring': report('expiring', 'Lots with stock on hand expiring within a window, already expired ones included, soonest first (viewer).',
    [query('days', 'The window in days from today (UTC), 0–3650.', { type: 'integer', minimum: 0, maximum: 3650, default: 30 })],
    reportAnswer('Today (UTC), the window and the lots.', 'Expiring', 'the lots')),
  '/v1/reports/on-hand': report('onHand', 'What is held, by item, lot (or serial) and location (viewer).',
    [param('OptionalSku'), query('location', 'Only this location.'),
      query('asOf', 'Stock as it stood at the end of this day (from movement dates); absent: now.', { type: 'string', format: 'date' })],
    reportAnswer('The day the figures are for and the rows.', 'OnHand', 'the rows'),
    NOT_FOUND),
  '/v1/reports/movements': report('movements', 'The sortable record of movements by date, then posting order (viewer).',
    [param('FromDate'), param('ToDate'), param('OptionalSku'), query('lot', 'Only this lot.'),
      query('limit', 'Movements a JSON page holds, 1–10,000.', { type: 'integer', minimum: 1, maximum: 10000, default: 10000 }),
      query('cursor', 'nextCursor of the page before.', { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' })],
    reportAnswer('One page of movements and the cursor of the next.', 'MovementsPage', 'the whole window (from cursor on), streamed'),
    NOT_FOUND),
};
