import { useSyncExternalStore } from 'react';
import type { SessionState, SheetSession } from '../session/session';

/** The session's state, re-rendering on every change. */
export function useSession(session: SheetSession): SessionState {
  return useSyncExternalStore(
    (cb) => session.subscribe(cb),
    () => session.state,
  );
}
