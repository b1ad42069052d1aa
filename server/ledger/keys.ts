/** The keys the ledger checks file things under, and how a clerk's message names a lot. */
const SEP = '\u0000';

/** Map keys: item + serial, item + lot, item + lot + location. */
export const unitKey = (sku: string, serial: string) => sku + SEP + serial;
export const lotKey = (sku: string, lot: string) => sku + SEP + lot;
export const stockKey = (sku: string, lot: string | null, location: string) => sku + SEP + (lot ?? '') + SEP + location;
/** Item + lot + party: what a party holds of a lot (or of untracked stock). */
export const partyKey = (sku: string, lot: string | null, party: string) => sku + SEP + (lot ?? '') + SEP + SEP + party;

/** "VAC-10 lot L1", or the SKU alone for untracked stock. */
export const lotName = (sku: string, lot: string | null) => (lot ? `${sku} lot ${lot}` : sku);

/**
 * Whether a row may bring a lot (or a serial unit) into being: a receipt, a production, or a
 * count found higher (an adjustment into a place).
 */
export const makesLot = (row: { type: string; to: string | null }) =>
  row.type === 'receive' || row.type === 'produce' || (row.type === 'adjust' && row.to !== null);
