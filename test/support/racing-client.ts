import type { Client } from '@libsql/client';

/**
 * A database client that runs `interfere` once, just before the first write goes out (a write
 * batch, or the opening of a write stream): the moment another process or request could change
 * the ledger between our checks and our write. Everything else goes straight to `db`.
 * @example const racing = interferingBeforeFirstWrite(db, () => post(other, 'SN-1'))
 */
export function interferingBeforeFirstWrite(db: Client, interfere: () => Promise<unknown>): Client & { interfered(): boolean } {
  let interfered = false;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'interfered') return () => interfered;
      if (prop === 'openWrite' && typeof Reflect.get(target, prop, target) === 'function') {
        return async () => {
          if (!interfered) {
            interfered = true;
            await interfere();
          }
          return (target as Client & { openWrite(): Promise<unknown> }).openWrite();
        };
      }
      if (prop === 'batch') {
        return async (stmts: Parameters<Client['batch']>[0], mode: Parameters<Client['batch']>[1]) => {
          if (mode === 'write' && !interfered) {
            interfered = true;
            await interfere();
          }
          return target.batch(stmts, mode);
        };
      }
      // bound to the real client: its methods use private fields a proxy cannot reach
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Client & { interfered(): boolean };
}
