/**
 * A full garbage collection of Node's main thread, on demand. A large post parses its body into
 * rows and then holds garbage it no longer reaches: the body's text (17 MB for 100,000 rows) and
 * the chunks it was read in. V8 keeps such garbage in its old generation until a full collection,
 * and it rarely runs one while the heap keeps growing, as it does while a post checks and writes;
 * so the server's peak memory carried the text to the end of the post. Asked for halfway through
 * the write, while SQLite writes and the main thread has little to do, a collection frees it
 * and what the parts written so far left behind (about 25 MB off the peak of a 100,000-row post:
 * docs/PERFORMANCE.md).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | undefined;

/**
 * A function that runs a full collection of this thread's heap.
 * @example const collect = fullCollection(); collect();
 */
export function fullCollection(): () => void {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  return gc;
}
