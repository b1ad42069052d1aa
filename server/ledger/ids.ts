const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new batch id: `B-` + 10 Crockford base32 characters of the time in milliseconds + 6 random
 * ones. Ids sort by posting time, and are made before the write so the idempotency record
 * can hold the answer in the same write.
 * @example newBatchId(new Date('2026-11-24T07:00:00Z')) // 'B-01M865Z4P0' + 6 random characters
 */
export function newBatchId(now: Date): string {
  let time = now.getTime();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  let tail = '';
  for (const b of crypto.getRandomValues(new Uint8Array(6))) tail += CROCKFORD[b % 32];
  return `B-${head}${tail}`;
}

