/** What the pane tells the clerk after each step, in one place so the wording stays consistent. */
import type { Posted } from '../../shared/api-types';
import { ApiRequestError, NetworkError } from '../api/client';

export interface Notice {
  intent: 'success' | 'error' | 'warning' | 'info';
  title: string;
  text: string;
  /** The server could not be reached, or refused the token: what the pane showed before is not current. */
  lost?: 'network' | 'token';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One of a kind of sheet rows.
 * @example singular('parties') // 'party'
 */
export const singular = (kind: string): string => kind.replace(/ies$/, 'y').replace(/s$/, '');

export const notices = {
  notConnected: (): Notice => ({ intent: 'warning', title: 'Not connected', text: 'Connect with your access token first: checking needs the item master.' }),
  noTable: (): Notice => ({ intent: 'warning', title: 'No table here', text: 'Select a cell inside the table (or the whole table) and check again.' }),
  noHeader: (): Notice => ({ intent: 'warning', title: 'No header row found', text: 'The table needs a header row naming its columns (e.g. PO #, Item code, Lot #, Qty, Location).' }),

  /** After a check: how many errors, or that the sheet is ready. */
  summary: ({ errors, warnings, rows }: { errors: number; warnings: number; rows: number }): Notice =>
    errors > 0
      ? { intent: 'error', title: plural(errors, 'error'), text: `Fix the marked cells; ${plural(rows, 'row')} checked${warnings ? `, ${plural(warnings, 'warning')}` : ''}. Edited rows are checked again as you type.` }
      : { intent: 'success', title: 'Ready to post', text: `${plural(rows, 'row')} checked, no errors${warnings ? `, ${plural(warnings, 'warning')}` : ''}.` },

  /** The only errors are rows repeating earlier batches: the clerk chooses below. */
  repeats: (n: number): Notice => ({ intent: 'warning', title: `${plural(n, 'row')} already in the ledger?`, text: 'Skip them, or post them anyway if they are meant to be posted again.' }),
  /** Every row of the table was posted before by this workbook. */
  allPosted: (n: number): Notice => ({ intent: 'info', title: 'Nothing to post', text: `${plural(n, 'row')} ${n === 1 ? 'was' : 'were'} posted before from this workbook (see Status).` }),
  voided: (batchId: string, by: string): Notice => ({
    intent: 'success', title: `Voided batch ${batchId}`, text: `The ledger holds its reversal, batch ${by}. Check the sheet again to post its rows anew.`,
  }),

  moved: (): Notice => ({ intent: 'warning', title: 'The table has moved', text: 'Rows or columns were inserted or deleted, so the marks may sit on the wrong cells. Press Check sheet again.' }),
  changedAfterPost: (batchId: string): Notice => ({
    intent: 'warning', title: 'Changed after posting',
    text: `This sheet was posted as batch ${batchId}. A changed row is a new row to the ledger; to correct a posted row, void that batch first.`,
  }),

  posted: (p: Posted): Notice => ({
    intent: 'success', title: `Posted as batch ${p.batchId}`,
    text: `${plural(p.posted, 'row')} ${p.posted === 1 ? 'is' : 'are'} in the ledger${p.replayed ? ' (this post had already arrived; nothing was posted twice)' : ''}.`,
  }),

  /**
   * The post's outcome is unknown (no answer, a 5xx, a proxy's page): it may or may not have been
   * posted, and pressing Post again repeats it under the same key, which the ledger records once.
   */
  unknownOutcome: (e: ApiRequestError | NetworkError): Notice => ({
    intent: 'warning', title: e instanceof NetworkError ? 'No answer from the server' : 'No clear answer from the server',
    text: `${e.message} The server did not say whether the rows were posted; press Post again to finish — it cannot post them twice.`,
  }),

  stillPosting: (): Notice => ({ intent: 'warning', title: 'Still being posted', text: 'The server is still processing this post. Wait a moment and press Post again; it will not post twice.' }),
  refused: (): Notice => ({ intent: 'error', title: 'Nothing was posted', text: 'The ledger refused some rows (marked); fix them and post again.' }),
  saved: (n: number, kind: string): Notice => ({ intent: 'success', title: `Saved ${plural(n, singular(kind), kind)}`, text: 'The master data is up to date.' }),

  /** Anything else that stopped a step: the server's or Excel's own words, and what to do when the connection is the cause. */
  failed: (e: unknown, title: string): Notice => {
    if (e instanceof NetworkError) {
      return { intent: 'error', title, lost: 'network', text: `${e.message} Check that the server is running and this computer is online, then try again.` };
    }
    if (e instanceof ApiRequestError && e.status === 401) {
      return { intent: 'error', title, lost: 'token', text: `${e.message} Your access token was refused (revoked or expired): disconnect, then connect with a valid token.` };
    }
    return { intent: 'error', title, text: e instanceof ApiRequestError ? e.message : `Excel reported: ${(e as Error)?.message ?? String(e)}` };
  },
};
