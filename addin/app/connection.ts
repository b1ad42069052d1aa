/**
 * The server address and access token, kept in the browser's storage for this add-in, never
 * in the workbook: a workbook is shared by e-mail, a token must not travel with it.
 */
import type { Connection } from '../api/client';

const KEY = 'lotledger.connection';

export function loadConnection(storage: Storage | undefined = globalThis.localStorage): Connection | null {
  try {
    const c = JSON.parse(storage?.getItem(KEY) ?? 'null') as Connection | null;
    return c && typeof c.token === 'string' && typeof c.baseUrl === 'string' ? c : null;
  } catch {
    return null;
  }
}

export function saveConnection(c: Connection | null, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    if (c) storage?.setItem(KEY, JSON.stringify(c));
    else storage?.removeItem(KEY);
  } catch {
    // storage blocked (private mode): the pane still works, it just asks again next time
  }
}
