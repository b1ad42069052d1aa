import type { Client } from '@libsql/client';

/**
 * A database client that runs `interfere` just before its first `times` writes go out (a write
 * batch, or the opening of a write stream): the moment another process or request could change
 * the ledger between our checks and our write. Everything else goes straight to `db`.
 * @example const racing = interferingBeforeFirstWrite(db, () => post(other, 'SN-1'))
 */
export function interferingBeforeFirstWrite(
  db: Client, interfere: () => Promise<unknown>, times = 1,
): Client & { interfered(): boolean; interferences(): number } {
  let count = 0;
  const due = () => count < times && ++count > 0;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'interfered') return () => count > 0;
      if (prop === 'interferences') return () => count;
      if (prop === 'openWrite' && typeof Reflect.get(target, prop, target) === 'function') {
        return async () => {
          if (due()) await interfere();
          return (target as Client & { openWrite(): Promise<unknown> }).openWrite();
        };
      }
      if (prop === 'batch') {
        return async (stmts: Parameters<Client['batch']>[0], mode: Parameters<Client['batch']>[1]) => {
          if (mode === 'write' && due()) await interfere();
          return target.batch(stmts, mode);
        };
      }
      // bound to the real client: its methods use private fields a proxy cannot reach
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Client & { interfered(): boolean; interferences(): number };
}
