/** `lotledger batch list|void`: the same ledger functions as GET /v1/batches and POST /v1/batches/:id/void. */
import type { BatchSummary } from '../../shared/api-types';
import { batchWindow, getBatch, listBatches, voidReason } from '../ledger/batches';
import { voidBatch } from '../ledger/void';
import { LedgerError } from '../ledger/errors';
import { UsageError, workspaceOf, type Command } from './command';
import { table, utcTime } from './table';

/** A refusal of the ledger's argument checks is a usage error here: the words typed were wrong. */
function asUsage<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof LedgerError && (e.code === 'invalid_query' || e.code === 'invalid_request')) throw new UsageError(e.message);
    throw e;
  }
}

const batchList: Command = {
  words: ['batch', 'list'],
  args: [],
  flags: { workspace: 'NAME', from: 'YYYY-MM-DD', to: 'YYYY-MM-DD' },
  optional: ['from', 'to'],
  about: 'Lists the batches posted in the workspace, newest first: optionally only those posted from and/or to a\n' +
    'day (UTC, both inclusive). A void is a batch too; its SOURCE says which batch it voids and why.',
  check({ flags }) {
    asUsage(() => batchWindow(flags.from, flags.to));
  },
  async run(ctx) {
    const ws = await workspaceOf(ctx);
    const { from, to } = batchWindow(ctx.flags.from, ctx.flags.to);
    const batches = await listBatches(ctx.db, ws.workspaceId, from, to);
    if (batches.length === 0) {
      ctx.io.out(`No batches in workspace ${ws.workspace}${from ? ` from ${from}` : ''}${to ? ` to ${to}` : ''}.`);
      return;
    }
    const rows = batches.map((b) => [b.batchId, utcTime(b.postedAt), b.postedBy, String(b.rows), sourceOf(b), b.voidedBy ?? '']);
    for (const line of table(['BATCH', 'POSTED AT (UTC)', 'BY', 'ROWS', 'SOURCE', 'VOIDED BY'], rows)) ctx.io.out(line);
  },
};

function sourceOf(b: BatchSummary): string {
  if (b.voids) return `void of ${b.voids}: ${b.reason ?? ''}`;
  if (!b.source) return '';
  const { workbook, sheet, range } = b.source;
  return [workbook, sheet && range ? `${sheet}!${range}` : sheet ?? range].filter(Boolean).join(' ');
}

const batchVoid: Command = {
  words: ['batch', 'void'],
  args: ['ID'],
  flags: { workspace: 'NAME', reason: 'TEXT' },
  about: 'Voids a batch: posts one reversing movement for each of its movements, as a new batch, recorded as by\n' +
    'cli:<your user name>. Refused when the batch is voided already, or when a later movement depends on it\n' +
    '(stock moved on, a serial shipped): void that later batch first. Prints the reversing batch on the last line.',
  check({ flags }) {
    if (flags.reason.trim() === '') throw new UsageError('--reason must say why the batch is voided.');
    asUsage(() => voidReason(flags.reason));
  },
  async run(ctx) {
    const auth = await workspaceOf(ctx);
    const [id] = ctx.args;
    try {
      const { batchId } = await voidBatch(ctx.db, auth, id, voidReason(ctx.flags.reason), ctx.now);
      ctx.io.out(`Voided batch ${id} in workspace ${auth.workspace}. The reversing batch:`);
      ctx.io.out(batchId);
    } catch (e) {
      if (!(e instanceof LedgerError)) throw e;
      if (e.code === 'not_found') throw new Error(`There is no batch ${id} in workspace ${auth.workspace}.`);
      if (e.code === 'already_voided') {
        const { voidedBy } = await getBatch(ctx.db, auth.workspaceId, id);
        throw new Error(`Batch ${id} is already voided${voidedBy ? `, by batch ${voidedBy}` : ''}; nothing was posted.`);
      }
      if (e.code === 'void_blocked') throw new Error(`Batch ${id} cannot be voided: ${e.message}`);
      throw e;
    }
  },
};

export const batchCommands = [batchList, batchVoid];
