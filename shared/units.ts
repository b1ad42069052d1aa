/**
 * Units of measure as UN/ECE codes (Recommendation 20, units; Recommendation 21, packages), the
 * codes EPCIS and trading partners use. Sheets write words; the common ones are read as codes.
 */

/** Words a sheet writes for a unit, and the code each means (docs/API.md). */
export const UNIT_WORDS: Readonly<Record<string, string>> = {
  each: 'EA', ea: 'EA', case: 'CS', box: 'BX', bag: 'BG', kg: 'KGM', lb: 'LBR',
  piece: 'H87', pieces: 'H87', pc: 'H87', pcs: 'H87', pair: 'PR', dozen: 'DZN',
  g: 'GRM', gram: 'GRM', mg: 'MGM', l: 'LTR', litre: 'LTR', liter: 'LTR', ml: 'MLT',
  carton: 'CT', pack: 'PK', bottle: 'BO', vial: 'VI', can: 'CA', jar: 'JR', tube: 'TU', pallet: 'PX', drum: 'DR', roll: 'RO',
};

/** Codes a clerk may type in lower case too; any other code is taken as written (upper case). */
const KNOWN_CODES = new Set([...Object.values(UNIT_WORDS), 'C62', 'TNE', 'ONZ', 'GLL', 'MTR', 'CMT', 'MMT', 'MTK', 'MTQ', 'SET', 'KT', 'BE', 'CR', 'SA', 'AM']);

/** A unit code: 2 or 3 capital letters or digits (the form of both recommendations, and EPCIS's `uom`). */
const CODE = /^[A-Z0-9]{2,3}$/;

/**
 * The UN/ECE code for a unit as a sheet or a client writes it, or null when it is no code and
 * no word LotLedger knows.
 * @example unitCode('box') // 'BX'
 * @example unitCode('KGM') // 'KGM'
 */
export function unitCode(written: string): string | null {
  const word = written.trim();
  const fromWord = UNIT_WORDS[word.toLowerCase()];
  if (fromWord) return fromWord;
  if (CODE.test(word)) return word;
  return KNOWN_CODES.has(word.toUpperCase()) ? word.toUpperCase() : null;
}
