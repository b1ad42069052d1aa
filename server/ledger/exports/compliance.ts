/**
 * The compliance exports of a window or of lots: FSMA 204 records and an EPCIS document, from
 * the same events and the same place descriptions.
 */
import type { LedgerStore } from '../../db/port';
import { LedgerError } from '../errors';
import { loadParties } from '../parties';
import { loadLocations } from '../master-data';
import { movementFilter, type MovementQuery } from '../reports/movements';
import { cteEvents, type CteEvent } from './events';
import { epcisDocument } from './epcis';
import { fsma204Records, type Fsma204Record, type Places } from './fsma204';

/** The most events one export answers: a records request is a window of days or a few lots. */
export const MAX_EXPORT_EVENTS = 200_000;

async function eventsAndPlaces(db: LedgerStore, workspaceId: number, q: MovementQuery): Promise<{ events: CteEvent[]; places: Places }> {
  const filter = await movementFilter(db, workspaceId, q);
  const [events, parties, locations] = await Promise.all([
    cteEvents(db, filter), loadParties(db, workspaceId), loadLocations(db, workspaceId),
  ]);
  if (events.length > MAX_EXPORT_EVENTS) {
    throw new LedgerError('too_large', `The export holds ${events.length} events; at most ${MAX_EXPORT_EVENTS} fit one answer: ask for a shorter window or fewer lots.`);
  }
  return {
    events,
    places: { parties: new Map(parties.map((p) => [p.name, p])), locations: new Map(locations.map((l) => [l.code, l])) },
  };
}

/** GET /v1/reports/fsma204: the records of the events `q` selects. */
export async function fsma204(db: LedgerStore, workspaceId: number, q: MovementQuery): Promise<Fsma204Record[]> {
  const { events, places } = await eventsAndPlaces(db, workspaceId, q);
  return fsma204Records(events, places);
}

/** GET /v1/export/epcis: the EPCIS 2.0 document of the events `q` selects. */
export async function epcisExport(db: LedgerStore, auth: { workspaceId: number; workspace: string }, q: MovementQuery, now: Date) {
  const { events, places } = await eventsAndPlaces(db, auth.workspaceId, q);
  return epcisDocument(events, { workspace: auth.workspace, now, ...places });
}
