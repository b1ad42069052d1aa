import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTarget, type Target } from './target';
import { api } from './http';
import { openApiDocument } from '../../server/openapi/document';

let target: Target;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(() => target?.stop());

describe('GET /v1/openapi.json', () => {
  it('serves the API\'s own description without a token, as JSON', async () => {
    const res = await api(target, null).get('/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
    expect(res.body.openapi).toBe('3.1.0');
  });
});
