import { describe, expect, it } from 'vitest';
import { table, utcTime } from './table';

describe('a CLI table', () => {
  it('pads columns to their widest cell and drops trailing blanks', () => {
    expect(table(['NAME', 'ROLE', 'NOTE'], [['admin', 'admin', ''], ['scanner', 'clerk', 'x']]))
      .toEqual(['NAME     ROLE   NOTE', 'admin    admin', 'scanner  clerk  x']);
  });

  it('shows control characters from the data as ?, so a cell cannot break a line or drive the terminal', () => {
    expect(table(['SOURCE'], [['Jan\n.xlsx\u001b[2J\u009b']])).toEqual(['SOURCE', 'Jan?.xlsx?[2J?']);
  });

  it('writes a stored time as UTC day and time', () => {
    expect(utcTime('2026-11-20T10:15:03.120Z')).toBe('2026-11-20 10:15:03');
  });
});
