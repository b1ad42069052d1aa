/**
 * The pane's one door to the API (docs/API.md): adds the bearer token, turns non-2xx answers into
 * typed errors carrying status, code and problems, and tells a network failure apart.
 */
import type { BatchBody, BatchDetail, BatchList, BatchRequest, DryRun, ItemList, LocationList, Me, PartyList, Posted, Upserted, Voided } from '../../shared/api-types';
import type { Party } from '../../shared/parties';
import type { LookupAnswer, LookupRequest } from '../../shared/lookup-answers';
import type { PickListAnswer, PickListRequest } from '../../shared/pick-answers';
import type { Problem } from '../../shared/problems';
import type { Held, HoldList, HoldRequest, Released } from '../../shared/recall-answers';
import type { Item, Location } from '../../shared/rows';

/** An answer that was not a success: the API's error body, or whatever a proxy on the way sent. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number, readonly code: string, message: string, readonly problems: Problem[] = [],
    /** The answer was the API's own JSON error (`{"error": {"code", …}}`), not a proxy's page. */
    readonly fromApi = true,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** The request never got an answer: the server is down, the network is out, or it timed out. */
export class NetworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/**
 * Whether a failed request may still have done its work, so a retry must repeat it under the
 * same idempotency key: no answer, a 5xx (a gateway timing out while the server went on, a crash
 * after the commit), or an answer that is not the API's JSON (a proxy's page). Only the API's
 * own refusal, a 4xx with its JSON error, says that nothing was done.
 * @example outcomeUnknown(new ApiRequestError(504, 'http_504', 'Gateway Timeout', [], false)) // true
 */
export function outcomeUnknown(e: unknown): e is NetworkError | ApiRequestError {
  if (e instanceof NetworkError) return true;
  return e instanceof ApiRequestError && (e.status >= 500 || !e.fromApi);
}

/**
 * Whether the next Post of the same rows must reuse this attempt's idempotency key: when the
 * outcome is unknown, and when the server says the first request under it is still running.
 * Any other refusal (a 4xx with the API's JSON: rows refused, a key conflict, no rights) posted
 * nothing, so the next attempt starts afresh.
 */
export function keepsIdempotencyKey(e: unknown): boolean {
  return outcomeUnknown(e) || (e instanceof ApiRequestError && e.fromApi && e.code === 'idempotency_in_progress');
}

export interface Connection {
  /** The server's origin, e.g. https://lotledger.example.com ('' for the pane's own origin). */
  baseUrl: string;
  token: string;
}

type Fetch = typeof fetch;

/**
 * A client for one server and token.
 * @example await apiClient({ baseUrl: '', token }).me() // { workspace: 'default', role: 'admin', … }
 */
export function apiClient(conn: Connection, fetchImpl: Fetch = (...a) => fetch(...a)) {
  const base = conn.baseUrl.replace(/\/+$/, '');

  async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let res: Response;
    try {
      res = await fetchImpl(`${base}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${conn.token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new NetworkError(`Could not reach the LotLedger server at ${base || 'this address'} (${(e as Error).message}).`);
    }
    const text = await res.text().catch(() => '');
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // a proxy's HTML error page: reported below by status
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: unknown; message?: string }; problems?: Problem[] } | null) ?? {};
      const fromApi = typeof err.error?.code === 'string';
      throw new ApiRequestError(
        res.status,
        fromApi ? String(err.error!.code) : `http_${res.status}`,
        err.error?.message ?? `The server answered ${res.status} ${res.statusText}.`,
        err.problems ?? [],
        fromApi,
      );
    }
    if (typeof json !== 'object' || json === null) {
      throw new ApiRequestError(res.status, `http_${res.status}`, `The server answered ${res.status} without the JSON LotLedger sends.`, [], false);
    }
    return json as T;
  }

  return {
    me: () => request<Me>('GET', '/v1/me'),
    items: async () => (await request<ItemList>('GET', '/v1/items')).items,
    locations: async () => (await request<LocationList>('GET', '/v1/locations')).locations,
    postItems: (items: Item[]) => request<Upserted>('POST', '/v1/items', { items } satisfies ItemList),
    postLocations: (locations: Location[]) => request<Upserted>('POST', '/v1/locations', { locations } satisfies LocationList),
    postParties: (parties: Party[]) => request<Upserted>('POST', '/v1/parties', { parties } satisfies PartyList),
    dryRun: (body: BatchBody & Pick<BatchRequest, 'duplicatesConfirmed'>) =>
      request<DryRun>('POST', '/v1/batches', { ...body, dryRun: true } satisfies BatchRequest),
    /** Posts a batch; the same key on a retry answers the first post again instead of posting twice. */
    postBatch: (body: BatchBody & Pick<BatchRequest, 'duplicatesConfirmed'>, idempotencyKey: string) =>
      request<Posted>('POST', '/v1/batches', { ...body, dryRun: false } satisfies BatchRequest, { 'Idempotency-Key': idempotencyKey }),
    batch: (id: string) => request<BatchDetail>('GET', `/v1/batches/${encodeURIComponent(id)}`),
    /** Batches posted since `from` (a day), newest first; every batch without it. */
    batches: (from?: string) => request<BatchList>('GET', `/v1/batches${from ? `?from=${encodeURIComponent(from)}` : ''}`),
    voidBatch: (id: string, reason: string) => request<Voided>('POST', `/v1/batches/${encodeURIComponent(id)}/void`, { reason }),
    /** A trace or report (docs/API.md "Trace and reports"): a path under /v1 with its query string. */
    report: <T>(pathAndQuery: string) => request<T>('GET', pathAndQuery),
    /** Puts lots or units on hold (docs/API.md "Holds"); one already held counts 0. */
    hold: (body: HoldRequest) => request<Held>('POST', '/v1/holds', body),
    release: (body: HoldRequest) => request<Released>('POST', '/v1/holds/release', body),
    /** The holds of an item, newest first; `active` keeps those not released. */
    holds: (sku: string, active = true) => request<HoldList>('GET', `/v1/holds?sku=${encodeURIComponent(sku)}${active ? '&active=true' : ''}`),
    /** Answers for many cells at once (docs/API.md "Lookups for many cells at once"). */
    lookup: (body: LookupRequest) => request<LookupAnswer>('POST', '/v1/lookup', body),
    /** A pick list, first expiry first out (docs/API.md "Pick lists"); nothing is reserved. */
    pickList: (req: PickListRequest) => request<PickListAnswer>('POST', '/v1/pick-lists', req),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
