import { createMiddleware } from 'hono/factory';
import type { AppEnv, Role } from '../env';
import { ApiError } from '../errors';
import { authenticate } from './tokens';

const RANK: Record<Role, number> = { viewer: 0, clerk: 1, admin: 2 };

/** Whether `role` may do what `needed` may (viewer < clerk < admin). */
export const roleAtLeast = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

/**
 * Reads `Authorization: Bearer <token>` and sets `c.var.auth`; 401 when missing, unknown or revoked.
 */
export const bearerAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new ApiError('unauthorized', 'Send your LotLedger token as "Authorization: Bearer <token>".',
      undefined, { 'WWW-Authenticate': 'Bearer realm="lotledger"' });
  }
  const auth = await authenticate(c.var.store, match[1]);
  if (!auth) {
    throw new ApiError('unauthorized', 'This token is not known or has been revoked; ask an admin for a new one.',
      undefined, { 'WWW-Authenticate': 'Bearer realm="lotledger", error="invalid_token"' });
  }
  c.set('auth', auth);
  await next();
});

/**
 * Lets the request through only when the token's role is at least `needed`; otherwise 403.
 * @example router.post('/items', requireRole('admin'), handler)
 */
export const requireRole = (needed: Role) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { role } = c.var.auth;
    if (!roleAtLeast(role, needed)) {
      throw new ApiError('forbidden', `This needs the ${needed} role; your token is a ${role} token.`);
    }
    await next();
  });
