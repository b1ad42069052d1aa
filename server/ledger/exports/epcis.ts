/**
 * The same critical tracking events as an EPCIS 2.0 JSON-LD document (GS1's standard that
 * trading partners and traceability networks exchange), valid against GS1's EPCIS 2.0 JSON
 * schema: an ObjectEvent for each receipt, shipment and customer return, a TransformationEvent
 * for each transformation. Identifiers are GS1 Digital Link URIs when the item or place has a
 * GS1 key (GTIN, GLN), else URNs in the workspace's own namespace. Pure.
 */
import type { Party } from '../../../shared/parties';
import type { Location } from '../../../shared/rows';
import type { CteEvent } from './events';

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

type Json = Record<string, unknown>;

/** What the document needs besides the events: who made it, when, and the described places. */
export interface EpcisOptions {
  /** The workspace, whose name makes the namespace of identifiers without a GS1 key. */
  workspace: string;
  now: Date;
  parties: ReadonlyMap<string, Party>;
  locations: ReadonlyMap<string, Location>;
}

/** CBV business transaction types of the ref types LotLedger knows; others stay as written (a URN). */
const BIZ_TRANSACTION: Record<string, string> = { PO: 'po', BOL: 'bol', ASN: 'desadv', INV: 'inv', WO: 'prodorder', RMA: 'rma' };

/** UN/ECE codes as EPCIS's `uom` takes them. */
const UOM = /^[A-Z0-9]{2,3}$/;

const seg = (s: string) => encodeURIComponent(s);

/** The namespace of identifiers the workspace makes up itself. */
const urn = (o: EpcisOptions, ...parts: string[]) => `urn:lotledger:${seg(o.workspace)}:${parts.map(seg).join(':')}`;

function epcOf(e: CteEvent, o: EpcisOptions): string {
  return e.gtin ? `https://id.gs1.org/01/${e.gtin}/21/${seg(e.serial!)}` : urn(o, 'item', e.sku, 'serial', e.serial!);
}

function classOf(e: CteEvent, o: EpcisOptions): string {
  if (e.gtin) return e.lot === null ? `https://id.gs1.org/01/${e.gtin}` : `https://id.gs1.org/01/${e.gtin}/10/${seg(e.lot)}`;
  return e.lot === null ? urn(o, 'item', e.sku) : urn(o, 'item', e.sku, 'lot', e.lot);
}

function quantityOf(e: CteEvent, o: EpcisOptions): Json {
  return { epcClass: classOf(e, o), quantity: e.qty, ...(UOM.test(e.unit) ? { uom: e.unit } : {}) };
}

/** Serial units go in an EPC list, lots and untracked stock in a quantity list. */
function whatOf(events: readonly CteEvent[], o: EpcisOptions, prefix: '' | 'input' | 'output'): Json {
  const epcs = events.filter((e) => e.serial !== null).map((e) => epcOf(e, o));
  const quantities = events.filter((e) => e.serial === null).map((e) => quantityOf(e, o));
  // EPCIS spells them epcList and quantityList, but inputEPCList and inputQuantityList.
  return {
    [prefix === '' ? 'epcList' : `${prefix}EPCList`]: epcs,
    ...(quantities.length > 0 ? { [prefix === '' ? 'quantityList' : `${prefix}QuantityList`]: quantities } : {}),
  };
}

function locationId(code: string, o: EpcisOptions): string {
  const gln = o.locations.get(code)?.gln;
  return gln ? `https://id.gs1.org/414/${gln}` : urn(o, 'location', code);
}

function partyId(name: string, o: EpcisOptions): string {
  const gln = o.parties.get(name)?.gln;
  return gln ? `https://id.gs1.org/417/${gln}` : urn(o, 'party', name);
}

function bizTransactions(e: CteEvent, o: EpcisOptions): Json {
  if (e.ref === null) return {};
  const type = e.refType === null ? undefined : BIZ_TRANSACTION[e.refType];
  const entry: Json = { bizTransaction: urn(o, 'document', e.refType ?? 'ref', e.ref) };
  if (type) entry.type = type;
  return { bizTransactionList: [entry] };
}

/** When it happened: the movement's day (the ledger keeps days), recorded when it was posted. */
const times = (e: CteEvent) => ({ eventTime: `${e.date}T00:00:00.000Z`, recordTime: e.postedAt, eventTimeZoneOffset: '+00:00' });

function objectEvent(e: CteEvent, o: EpcisOptions): Json {
  const here = e.type === 'ship' ? e.from : e.to;
  const party = e.party === null ? null : partyId(e.party, o);
  const place = here === null ? null : locationId(here, o);
  const step = e.type === 'ship'
    ? { bizStep: 'shipping', disposition: 'in_transit' }
    : { bizStep: 'receiving', disposition: e.type === 'return' ? 'returned' : 'in_progress' };
  const ours = place ? [{ type: 'location', [e.type === 'ship' ? 'source' : 'destination']: place }] : [];
  const theirs = party ? [{ type: 'owning_party', [e.type === 'ship' ? 'destination' : 'source']: party }] : [];
  return {
    type: 'ObjectEvent', eventID: urn(o, 'event', String(e.id)), ...times(e), ...whatOf([e], o, ''), action: 'OBSERVE', ...step,
    ...(place ? { readPoint: { id: place }, bizLocation: { id: place } } : {}),
    ...bizTransactions(e, o),
    ...(e.type === 'ship'
      ? { ...(ours.length ? { sourceList: ours } : {}), ...(theirs.length ? { destinationList: theirs } : {}) }
      : { ...(theirs.length ? { sourceList: theirs } : {}), ...(ours.length ? { destinationList: ours } : {}) }),
  };
}

function transformationEvent(sides: readonly CteEvent[], o: EpcisOptions): Json {
  const inputs = sides.filter((e) => e.type === 'consume');
  const outputs = sides.filter((e) => e.type === 'produce');
  const first = outputs[0] ?? inputs[0];
  const place = outputs.find((e) => e.to !== null)?.to ?? null;
  return {
    type: 'TransformationEvent', eventID: urn(o, 'transformation', first.batchId, first.ref ?? ''), ...times(first),
    ...whatOf(inputs, o, 'input'), ...whatOf(outputs, o, 'output'),
    bizStep: 'commissioning', disposition: 'active',
    ...(place ? { readPoint: { id: locationId(place, o) }, bizLocation: { id: locationId(place, o) } } : {}),
    ...bizTransactions(first, o),
  };
}

/**
 * The EPCIS document of `events` (as cteEvents reads them), events in the order given, each
 * transformation once, where its first row stands.
 * @example epcisDocument(events, { workspace: 'default', now: new Date(), parties, locations }).type // 'EPCISDocument'
 */
export function epcisDocument(events: readonly CteEvent[], o: EpcisOptions): Json {
  const eventList: Json[] = [];
  const done = new Set<string>();
  for (const e of events) {
    if (e.type === 'consume' || e.type === 'produce') {
      const key = `${e.batchId}\u0000${e.ref}`;
      if (done.has(key)) continue;
      done.add(key);
      eventList.push(transformationEvent(events.filter((x) => (x.type === 'consume' || x.type === 'produce') && x.batchId === e.batchId && x.ref === e.ref), o));
    } else {
      eventList.push(objectEvent(e, o));
    }
  }
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: o.now.toISOString(),
    epcisBody: { eventList },
  };
}
