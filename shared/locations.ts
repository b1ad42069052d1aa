/**
 * Hints for a location code that is not known: the nearest known code, as a clerk would mean it.
 */

const squash = (code: string): string => code.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * Edit distance (insertions, deletions, substitutions) between two strings.
 * @example editDistance('WH1A', 'WH1-A') // 1
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

/**
 * The known code a mistyped one most likely means — same letters ignoring case and punctuation
 * first, then the closest by edit distance when it is close enough — or null.
 * @example nearestLocation('wh1a', ['RCV', 'WH1-A', 'WH1-B']) // 'WH1-A'
 */
export function nearestLocation(code: string, known: Iterable<string>): string | null {
  const wanted = code.toLowerCase();
  const wantedSquashed = squash(code);
  let best: string | null = null;
  let bestScore = Infinity;
  for (const candidate of known) {
    const lower = candidate.toLowerCase();
    // Scores: 0 same but for case, 0.5 same but for punctuation, else the edit distance.
    const score = lower === wanted ? 0
      : squash(candidate) === wantedSquashed && wantedSquashed !== '' ? 0.5
        : editDistance(wanted, lower);
    if (score < bestScore || (score === bestScore && best !== null && candidate < best)) {
      best = candidate;
      bestScore = score;
    }
  }
  // Farther than a third of the code (at least 2 edits allowed) is a guess, not a hint.
  const allowed = Math.max(2, Math.floor(code.length / 3));
  return bestScore <= allowed ? best : null;
}
