import { describe, expect, it } from 'vitest';
import { newBatchId } from './ids';

describe('batch ids', () => {
  it('sort by posting time and do not repeat within one millisecond', () => {
    const a = newBatchId(new Date('2026-11-24T07:00:00.000Z'));
    const b = newBatchId(new Date('2026-11-24T07:00:00.001Z'));
    expect(a).toMatch(/^B-[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(a < b).toBe(true);
    const same = new Set(Array.from({ length: 1000 }, () => newBatchId(new Date('2026-11-24T07:00:00.000Z'))));
    expect(same.size).toBe(1000);
  });
});
