/**
 * True history (DESIGN.md "Ledger rules"): a row must hold as of its own date and must not break
 * any movement dated after it. Order: date, then posting order (batch, row); a new row comes
 * after every movement already dated on its day. Pure: the checks hand in what the ledger and
 * the batch hold for one key. Only a row dated before the latest movement of its key comes here;
 * every other row is checked against the projections alone (checks.ts).
 */
import { fromMilli } from '../../shared/rows';

/** A counted movement (not voided, not a reversal) at one item, lot and location, after some date. */
export interface StockMove { date: string; delta: number; batchId: string; id: number }

/** A counted movement of one serial. */
export interface SerialMove {
  date: string; type: string; from: string | null; to: string | null; party: string | null; batchId: string; id: number;
}

/** What the ledger holds of the keys whose rows are dated before their latest movement. */
export interface LedgerHistory {
  /** By stock key: the counted movements dated after `since`, in date and posting order. */
  stock: Map<string, { since: string; moves: StockMove[] }>;
  /** By unit key: every counted movement of the serial, in date and posting order. */
  serials: Map<string, SerialMove[]>;
}

export const emptyHistory = (): LedgerHistory => ({ stock: new Map(), serials: new Map() });

/** Date, then posting order. */
export const byDateThenId = (a: { date: string; id: number }, b: { date: string; id: number }) =>
  (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id);

/** A later movement at the key: from the ledger (its batch) or from an earlier row of this batch. */
export interface LaterMove { date: string; delta: number; where: string }

const qty = (milli: number) => String(fromMilli(milli));

/**
 * Whether taking `take` at date `date` holds: `now` is on hand at the key after everything (the
 * ledger and the batch so far), `later` the movements dated after `date` in order. Answers the
 * clerk's sentence when it does not, else null.
 * @example takeBlocker(5000, 5000, '2026-01-05', [{date: '2026-01-10', delta: -5000, where: 'batch B-1'}], 'VAC lot L', 'A')
 */
export function takeBlocker(now: number, take: number, date: string, later: readonly LaterMove[], name: string, at: string): string | null {
  let balance = now;
  for (const m of later) balance -= m.delta;
  if (balance < take) {
    return balance <= 0
      ? `There was no ${name} at ${at} on ${date}; this row takes ${qty(take)}.`
      : `Only ${qty(balance)} of ${name} was at ${at} on ${date}; this row takes ${qty(take)}.`;
  }
  balance -= take;
  for (const m of later) {
    balance += m.delta;
    if (balance < 0) {
      return `This row, dated ${date}, would leave ${name} at ${at} at ${qty(balance)} on ${m.date} (${m.where}); `
        + 'that later movement needs the stock this row takes.';
    }
  }
  return null;
}

/** Where a serial stood after `moves` (counted, in order), as a phrase: null when not yet received. */
function placeAfter(moves: readonly SerialMove[]): { state: 'in_stock' | 'shipped' | 'gone'; location: string | null; party: string | null } | null {
  let place: ReturnType<typeof placeAfter> = null;
  for (const m of moves) {
    if (m.to !== null) place = { state: 'in_stock', location: m.to, party: null };
    else if (m.type === 'ship') place = { state: 'shipped', location: null, party: m.party };
    else place = { state: 'gone', location: null, party: null };
  }
  return place;
}

const describeMove = (m: SerialMove) =>
  `${m.type}${m.from ? ` from ${m.from}` : ''}${m.to ? ` to ${m.to}` : ''}${m.party && !m.to ? ` to ${m.party}` : ''} on ${m.date}, batch ${m.batchId}`;

/**
 * A serial's row dated `date` that must find it at `from` (or shipped, for a return) and must
 * not come before any later movement of it. `moves` are the serial's counted movements.
 * Answers the sentence when the row cannot hold, else null.
 */
export function serialBlocker(
  moves: readonly SerialMove[], date: string, serial: string, sku: string, needs: { from: string | null; shipped: boolean },
): string | null {
  const upTo = moves.filter((m) => m.date <= date);
  const place = placeAfter(upTo);
  const name = `Serial ${serial} of ${sku}`;
  if (place === null) {
    const first = moves[0];
    return `${name} was not in the ledger yet on ${date}${first ? ` (it came in on ${first.date}, batch ${first.batchId})` : ''}.`;
  }
  if (needs.shipped && place.state !== 'shipped') {
    return `${name} was not out with a customer on ${date} (${place.state === 'in_stock' ? `it was at ${place.location}` : 'it was scrapped'}).`;
  }
  if (!needs.shipped && needs.from !== null && (place.state !== 'in_stock' || place.location !== needs.from)) {
    return `${name} was not at ${needs.from} on ${date} (${place.state === 'in_stock' ? `it was at ${place.location}` : place.state === 'shipped' ? `it was shipped to ${place.party}` : 'it was scrapped'}).`;
  }
  const next = moves[upTo.length];
  if (next) return `${name} moves on after ${date} (${describeMove(next)}); a row dated ${date} would break that movement.`;
  return null;
}
