/**
 * Microsoft's batching pattern for custom functions: each call joins a batch and gets a
 * promise; the first call of a batch schedules one flush a moment later, so the calls Excel
 * makes in one recalculation leave as one POST /v1/lookup (split only past the server's
 * 10,000 entries) and each promise settles with its own answer.
 */
import {
  MAX_LOOKUP_ENTRIES, type LookupAnswer, type LookupRequest, type LotFound, type LotKey, type OnHandFound, type OnHandKey,
  type SerialFound, type SerialKey,
} from '../../shared/lookup-answers';

/** Sends one lookup; throws when there is no connection or the request fails. */
export type SendLookup = (request: LookupRequest) => Promise<LookupAnswer>;

type Call =
  | { list: 'onHand'; key: OnHandKey; settle: Settle<OnHandFound> }
  | { list: 'lots'; key: LotKey; settle: Settle<LotFound> }
  | { list: 'serials'; key: SerialKey; settle: Settle<SerialFound> };

interface Settle<T> { resolve: (v: T) => void; reject: (e: unknown) => void }

/** Milliseconds a batch stays open after its first call (Microsoft's sample waits 100). */
export const BATCH_DELAY_MS = 50;

export class LookupBatcher {
  private batch: Call[] = [];
  private scheduled = false;
  /** Requests sent so far (tests and the bench count them). */
  requests = 0;

  constructor(private readonly send: SendLookup, private readonly delayMs = BATCH_DELAY_MS) {}

  onHand(key: OnHandKey): Promise<OnHandFound> {
    return this.push((settle) => ({ list: 'onHand', key, settle }));
  }

  lot(key: LotKey): Promise<LotFound> {
    return this.push((settle) => ({ list: 'lots', key, settle }));
  }

  serial(key: SerialKey): Promise<SerialFound> {
    return this.push((settle) => ({ list: 'serials', key, settle }));
  }

  private push<T>(make: (settle: Settle<T>) => Call): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.batch.push(make({ resolve, reject }));
      if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => void this.flush(), this.delayMs);
      }
    });
  }

  private async flush(): Promise<void> {
    const calls = this.batch;
    this.batch = [];
    this.scheduled = false;
    const parts: Call[][] = [];
    for (let i = 0; i < calls.length; i += MAX_LOOKUP_ENTRIES) parts.push(calls.slice(i, i + MAX_LOOKUP_ENTRIES));
    await Promise.all(parts.map((part) => this.sendPart(part)));
  }

  private async sendPart(calls: Call[]): Promise<void> {
    const request: Required<LookupRequest> = { onHand: [], lots: [], serials: [] };
    const at = calls.map((c) => (request[c.list] as unknown[]).push(c.key) - 1);
    const body: LookupRequest = {};
    for (const list of ['onHand', 'lots', 'serials'] as const) if (request[list].length) (body as Record<string, unknown>)[list] = request[list];
    this.requests++;
    let answer: LookupAnswer;
    try {
      answer = await this.send(body);
    } catch (e) {
      for (const c of calls) c.settle.reject(e);
      return;
    }
    calls.forEach((c, i) => {
      const found = answer[c.list]?.[at[i]];
      if (found === undefined) c.settle.reject(new Error('The server answered fewer entries than were asked.'));
      else (c.settle.resolve as (v: unknown) => void)(found);
    });
  }
}
