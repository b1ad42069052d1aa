/** `npm run soak` sets SOAK=1: the same tests, many more runs (docs/RELIABILITY.md). */
export const SOAK = process.env.SOAK === '1';

/** `quick` in npm test, `heavy` under SOAK=1. */
export const scale = (quick: number, heavy: number) => (SOAK ? heavy : quick);

/** A figure for docs/RELIABILITY.md, printed so a run can be quoted. */
export function figure(name: string, value: unknown): void {
  console.log(`[reliability] ${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}

/** An ISO day `n` days from today (UTC). */
export function day(n = 0): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
