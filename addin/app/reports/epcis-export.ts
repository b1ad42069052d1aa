/**
 * "EPCIS export": the EPCIS 2.0 JSON-LD document of a window or lots (GET /v1/export/epcis),
 * saved as a file the user sends to a trading partner or a traceability network. The file is
 * the server's document as it came, pretty-printed.
 */
import type { ApiClient } from '../../api/client';
import type { Fsma204Asked } from '../../reports/fsma204';
import { reportRequests } from '../../reports/queries';
import { notices, type Notice } from '../../session/notices';

/** Saves text as a file on the user's computer (the browser's download). */
export type SaveFile = (name: string, text: string, type: string) => void;

/**
 * The file's name: what was asked, so two exports do not overwrite each other unnoticed.
 * @example epcisFileName({ from: '2026-11-01', to: '2026-11-30', lots: [] }) // 'lotledger-epcis-2026-11-01-to-2026-11-30.jsonld'
 */
export function epcisFileName(q: Fsma204Asked): string {
  const parts = [q.from, q.to && `to-${q.to}`, q.sku, q.lots.length === 1 ? q.lots[0] : q.lots.length > 1 ? `${q.lots.length}-lots` : undefined]
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/[^A-Za-z0-9._-]+/g, '_'));
  return `lotledger-epcis-${parts.join('-') || 'export'}.jsonld`;
}

/** Fetches the document and saves it; answers what to tell the user. */
export async function exportEpcis(api: Pick<ApiClient, 'report'>, q: Fsma204Asked, save: SaveFile): Promise<Notice> {
  try {
    const doc = await reportRequests(api).epcis(q);
    const name = epcisFileName(q);
    save(name, JSON.stringify(doc, null, 2), 'application/ld+json');
    const n = doc.epcisBody.eventList.length;
    return { intent: 'success', title: `Saved ${name}`, text: `${n} EPCIS ${n === 1 ? 'event' : 'events'} (EPCIS 2.0 JSON-LD), in your downloads.` };
  } catch (e) {
    return notices.failed(e, 'EPCIS document not saved');
  }
}

/** The browser's download of a file made in the page. */
export const downloadFile: SaveFile = (name, text, type) => {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL by now; it is let go a little later all the same.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
};
