import { Hono } from 'hono';
import type { Revoked, TokenCreated, TokenList } from '../../shared/api-types';
import type { AppEnv, Role } from '../env';
import { ROLES } from '../env';
import { ApiError } from '../errors';
import { requireRole } from '../auth/roles';
import { insertToken, listTokens, revokeToken, TOKEN_NAME_MAX } from '../auth/tokens';
import { onlyKnownFields, readJsonObject, shortText } from './body';

/** Token management (admin): create (secret shown once), list (never the secrets), revoke. */
export function tokenRoutes(now: () => Date) {
  const r = new Hono<AppEnv>();
  r.use('/tokens', requireRole('admin'));
  r.use('/tokens/*', requireRole('admin'));

  r.post('/tokens', async (c) => {
    const body = await readJsonObject(c);
    onlyKnownFields(body, ['name', 'role'], 'The token request');
    const name = shortText(body.name, 'The token name', TOKEN_NAME_MAX);
    if (typeof body.role !== 'string' || !ROLES.includes(body.role as Role)) {
      throw new ApiError('invalid_request', `The role must be one of ${ROLES.join(', ')}.`);
    }
    const token = await insertToken(c.var.store, c.var.auth.workspaceId, name, body.role as Role, now());
    return c.json({ token, name, role: body.role as Role } satisfies TokenCreated, 201);
  });

  r.get('/tokens', async (c) => c.json({ tokens: await listTokens(c.var.store, c.var.auth.workspaceId) } satisfies TokenList));

  r.delete('/tokens/:name', async (c) => {
    const name = c.req.param('name');
    await revokeToken(c.var.store, c.var.auth.workspaceId, name, now());
    return c.json({ revoked: name } satisfies Revoked);
  });
  return r;
}
