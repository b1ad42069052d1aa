/**
 * The post thread's script (post-thread.ts starts it): each message is a batch request's bytes and
 * what the request said; it decodes them and answers them as the route would
 * (answerBatchPost), reading and writing the ledger over the SQLite threads it was attached to.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { answerBatchPost } from '../routes/batches';
import { decodeChunks } from '../routes/body';
import { batchRequestOfText } from '../routes/batch-text';
import { fullCollection } from '../full-collection';
import { openEmbeddedOver } from '../db/embedded';
import { PortThread } from '../db/port-thread';
import { storeOver } from '../db/store';
import type { Auth } from '../env';
import { errorToWire } from './wire';
import type { PostThreadData } from './post-thread';

interface Job { id: number; chunks: Uint8Array[]; key: string | undefined; auth: Auth; now: string }

const data = workerData as PostThreadData & { writer: MessagePort; reader: MessagePort | null };
const port = parentPort!;
// When the SQLite threads end, this thread ends too, once the posts it had have been told (their
// calls fail first); the main thread starts a new one, attached to the file's new threads.
const link = new PortThread(data.writer, data.reader, () => setTimeout(() => process.exit(0), 0));
const client = openEmbeddedOver(data.file, link);
const store = storeOver(client, () => client.openWrite(), true);
// A large post's garbage is on both threads: its body and rows here, the rest there.
const gc = data.collect ? fullCollection() : undefined;
const collect = gc && (() => { port.postMessage({ collect: true }); gc(); });

port.on('message', (job: Job) => {
  void (async () => {
    try {
      let text: string | null = decodeChunks(job.chunks);
      job.chunks.length = 0; // the text is all that is needed of them now
      // Its rows are parsed a part at a time as the post reaches them (routes/batch-text.ts),
      // which holds the text only until then.
      const request = (maxRows: number) => {
        const given = text!;
        text = null;
        return batchRequestOfText(given, maxRows);
      };
      const answer = await answerBatchPost(store, job.auth, request, job.key, { maxRows: data.maxRows, now: new Date(job.now), collect });
      port.postMessage({ id: job.id, status: answer.status, body: answer.body });
    } catch (e) {
      port.postMessage({ id: job.id, error: errorToWire(e) });
    }
  })();
});
