/**
 * The one set of cell functions of the page: Excel's custom functions and the preview's
 * formulas share its batcher, and it asks the server through whatever connection the pane
 * holds now (set by the pane on every change; none → each call answers a #VALUE! error).
 */
import type { LookupAnswer, LookupRequest } from '../../shared/lookup-answers';
import { LookupBatcher } from './batcher';
import { cellFunctions, NotConnected } from './cell-functions';

export interface LookupClient { lookup(request: LookupRequest): Promise<LookupAnswer> }

let client: LookupClient | null = null;
const clientListeners = new Set<() => void>();
let date1904: () => boolean = () => false;

/** The pane's connection (null when disconnected). */
export function setLookupClient(c: LookupClient | null): void {
  if (c === client) return;
  client = c;
  for (const l of clientListeners) l();
}

/** Calls back when the pane connects, reconnects or disconnects (the preview computes its formulas again). */
export function onLookupClientChange(listener: () => void): () => void {
  clientListeners.add(listener);
  return () => clientListeners.delete(listener);
}

/** The workbook's date system, for dates the functions answer. */
export function setCellDate1904(source: () => boolean): void {
  date1904 = source;
}

export const sharedBatcher = new LookupBatcher(async (request) => {
  if (!client) throw new NotConnected();
  return client.lookup(request);
});

export const sharedCellFunctions = cellFunctions(sharedBatcher, () => date1904());
