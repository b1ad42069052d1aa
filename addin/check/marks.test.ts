import { describe, expect, it } from 'vitest';
import { problem } from '../../shared/problems';
import { mergeProblems, planMarks, postedText, statusText } from './marks';

describe('the Status column and the marks', () => {
  it('says OK for a clean row, OK with its warnings, or the row’s errors', () => {
    expect(statusText([])).toBe('OK');
    expect(statusText([problem(0, 'expiry', 'expired', 'Expiry is before the date.', 'warning')])).toBe('OK — warning: Expiry is before the date.');
    expect(statusText([
      problem(0, 'lot', 'required', 'Lot is required.'),
      problem(0, 'qty', 'invalid', 'Quantity -5 must be more than 0.'),
      problem(0, 'expiry', 'expired', 'A warning.', 'warning'),
    ])).toBe('Lot is required. Quantity -5 must be more than 0.');
    expect(postedText('B-1')).toBe('Posted B-1');
  });

  it('tells a problem found by the pane and again by the server once, and lets Excel damage explain its cell', () => {
    const damage = [problem(1, 'expiry', 'invalid', 'Excel kept it as text.')];
    const local = [problem(1, 'expiry', 'invalid', 'Not a date.'), problem(0, 'lot', 'required', 'Lot is required.')];
    const server = [problem(0, 'lot', 'required', 'Lot is required.'), problem(0, 'serial', 'serial_exists', 'Already in.')];
    expect(mergeProblems(damage, local, server).map((p) => `${p.row}:${p.field}:${p.message}`)).toEqual([
      '0:lot:Lot is required.', '0:serial:Already in.', '1:expiry:Excel kept it as text.',
    ]);
  });

  it('lets a warning about a number in a serial cell stand beside the ledger\'s error on that cell', () => {
    const damage = [problem(0, 'serial', 'invalid', '123 is a number, not text.', 'warning')];
    const server = [problem(0, 'serial', 'serial_exists', '123 of PUMP-3 is already in the ledger.')];
    expect(mergeProblems(damage, [], server).map((p) => p.code)).toEqual(['invalid', 'serial_exists']);
  });
  it('plans one mark per cell, the worst severity winning, and a status for every row, blank rows left blank', () => {
    const problems = [
      problem(0, 'lot', 'required', 'Lot is required.'),
      problem(0, 'lot', 'not_tracked', 'Not tracked.', 'warning'),
      problem(1, 'type', 'required', 'Type is required.'),
    ];
    const cells: Record<string, { row: number; col: number } | null> = { lot: { row: 5, col: 2 }, type: null };
    const plan = planMarks(problems, [5, 7], 5, 3, (p) => (cells[p.field] ? { ...cells[p.field]!, row: p.row === 0 ? 5 : 7 } : null));
    expect(plan.marks).toEqual([{ row: 5, col: 2, severity: 'error', note: 'Lot is required.\nNot tracked.' }]);
    expect(plan.status).toEqual(['Lot is required.', '', 'Type is required.']);
    expect([plan.errors, plan.warnings]).toEqual([2, 1]);
  });
});
