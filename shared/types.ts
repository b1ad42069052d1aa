/**
 * Movement type words: the eight types of the ledger and the everyday words sheets use for them.
 */
import { MOVEMENT_TYPES, type MovementType } from './rows';

const WORDS: Record<string, MovementType> = {};
const add = (type: MovementType, words: string[]) => { for (const w of [type, ...words]) WORDS[w] = type; };
add('receive', ['receipt', 'received', 'receiving', 'goods in', 'goods receipt']);
add('ship', ['shipment', 'shipped', 'shipping', 'ship out', 'sale', 'sold', 'sell', 'dispatch', 'dispatched']);
add('transfer', ['transferred', 'move', 'moved', 'xfer', 'relocate', 'relocation']);
add('return', ['returned', 'returns', 'rma', 'customer return']);
add('scrap', ['scrapped', 'write off', 'writeoff', 'written off', 'disposal', 'disposed', 'dispose', 'destroyed']);
add('adjust', ['adjustment', 'adjusted', 'count', 'stock count', 'cycle count', 'correction', 'recount']);
add('consume', ['consumed', 'consumption', 'use', 'used', 'issue', 'issued', 'input']);
add('produce', ['produced', 'production', 'output', 'make', 'made', 'manufacture', 'manufactured']);

/**
 * Maps a type word from a sheet (any case, spaces or hyphens) to one of the eight movement types, or null.
 * @example movementType('Write-off') // 'scrap'
 */
export function movementType(word: unknown): MovementType | null {
  if (typeof word !== 'string') return null;
  const key = word.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  return Object.hasOwn(WORDS, key) ? WORDS[key] : null;
}

/** The eight types as a clerk reads them in a message. */
export const MOVEMENT_TYPE_LIST = MOVEMENT_TYPES.join(', ');
