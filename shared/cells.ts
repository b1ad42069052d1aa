/**
 * Small readers for cell and JSON values shared by the row rules.
 */
import { cleanIdentifier } from './identifiers';
import type { Problem } from './problems';

/** Reports one problem on one field of the row being checked. */
export type Report = (field: string, code: Problem['code'], message: string) => void;

/**
 * True for a value a clerk would call empty: null, missing, or only invisible characters.
 * @example isBlank('\u00A0 ') // true
 */
export const isBlank = (v: unknown): boolean => v === null || v === undefined || cleanIdentifier(v) === '';

/**
 * Free text (party, ref, note) trimmed, or null when empty.
 * @example freeText('  Acme Pharma ') // 'Acme Pharma'
 */
export const freeText = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};

/**
 * The text with its first letter in capitals, to start a sentence.
 * @example capital('the customer') // 'The customer'
 */
export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
