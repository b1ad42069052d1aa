import type { LedgerStore, Row } from '../db/port';
import type { Party, PartyKind } from '../../shared/parties';

const PARTY_SELECT = `SELECT name, kind, gln, ffrn, phone, address, city, region, postal_code, country
  FROM party WHERE workspace_id = ? ORDER BY name`;

const orNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export const toParty = (r: Row): Party => ({
  name: String(r.name), kind: String(r.kind) as PartyKind, gln: orNull(r.gln), ffrn: orNull(r.ffrn), phone: orNull(r.phone),
  address: orNull(r.address), city: orNull(r.city), region: orNull(r.region), postalCode: orNull(r.postal_code), country: orNull(r.country),
});

/** The workspace's parties, by name. */
export async function loadParties(db: LedgerStore, workspaceId: number): Promise<Party[]> {
  return (await db.read({ sql: PARTY_SELECT, args: [workspaceId] })).rows.map(toParty);
}

/**
 * Upserts checked parties by name; answers how many. A party's description is no ledger state
 * (rows name parties by text, described or not), so it needs no version guard.
 */
export async function upsertParties(db: LedgerStore, workspaceId: number, parties: Party[]): Promise<number> {
  await db.write([{
    sql: `INSERT INTO party (workspace_id, name, kind, gln, ffrn, phone, address, city, region, postal_code, country)
          SELECT ?, j.value->>'name', j.value->>'kind', j.value->>'gln', j.value->>'ffrn', j.value->>'phone',
                 j.value->>'address', j.value->>'city', j.value->>'region', j.value->>'postalCode', j.value->>'country'
          FROM json_each(?) j WHERE true
          ON CONFLICT (workspace_id, name) DO UPDATE SET kind = excluded.kind, gln = excluded.gln, ffrn = excluded.ffrn,
            phone = excluded.phone, address = excluded.address, city = excluded.city, region = excluded.region,
            postal_code = excluded.postal_code, country = excluded.country`,
    args: [workspaceId, JSON.stringify(parties)],
  }]);
  return parties.length;
}
