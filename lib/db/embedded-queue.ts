import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * PGlite is one database session; pglite-socket (0.2.17, pinned) shares it between the
 * connections it serves, a protocol message at a time. Two defects of its queue
 * (electric-sql/pglite#1046, open) broke the embedded database as soon as two connections
 * worked at once, as they do when one company imports and another reads:
 *
 * - A connection keeps its turn only while a transaction is open, not between the messages of
 *   one extended-protocol exchange (Parse, Bind, Execute, Sync): another connection's Parse
 *   replaced the unnamed statement in between ("unnamed prepared statement does not exist",
 *   "bind message supplies 3 parameters, but prepared statement "" requires 1").
 * - A message that failed inside PGlite left the queue marked busy for good: every later
 *   query of every connection waited until the app's pools timed out.
 *
 * This replaces the queue's turn-taking (its private `processQueue`, hence the pinned version):
 * a connection keeps the session from its first message until PGlite answers it
 * ReadyForQuery with the status "idle", so an exchange or a transaction is never cut; a failed
 * message is refused to its connection and the queue goes on; a connection that goes away
 * holding the session gives it back, its open transaction rolled back.
 */
type Queued = { handlerId: number; message: Uint8Array; resolve: (bytes: number) => void; reject: (error: unknown) => void; onData: (data: Uint8Array) => void };
type Queue = {
  db: PGlite;
  queue: Queued[];
  processing: boolean;
  processQueue: () => Promise<void>;
  clearTransactionIfNeeded: (handlerId: number) => Promise<void>;
};

/** Reads the backend's messages as they stream out, and remembers the status of the last ReadyForQuery ("I" idle, "T" in a transaction, "E" in a failed one). */
function readyStatusReader() {
  let header = new Uint8Array(0);
  let skip = 0;
  let type = 0;
  let status: string | undefined;
  return {
    feed(data: Uint8Array) {
      let at = 0;
      while (at < data.length) {
        if (skip > 0) {
          const take = Math.min(skip, data.length - at);
          if (type === 0x5a && skip === 1) status = String.fromCharCode(data[at]);
          skip -= take;
          at += take;
          continue;
        }
        const need = 5 - header.length;
        const part = data.subarray(at, at + need);
        header = Uint8Array.of(...header, ...part);
        at += part.length;
        if (header.length < 5) break;
        type = header[0];
        skip = new DataView(header.buffer, header.byteOffset).getInt32(1) - 4;
        header = new Uint8Array(0);
      }
    },
    get status() {
      return status;
    },
  };
}

export function shareSessionSafely(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: Queue }).queryQueue;
  /** The connection that holds the session: mid-exchange or mid-transaction. */
  let owner: number | null = null;

  queue.processQueue = async function processQueue(this: Queue) {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index = owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === owner);
        // The session's holder has not sent its next message yet: everyone else waits for it.
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        const ready = readyStatusReader();
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                ready.feed(data);
                item.onData(data);
              },
            }),
          );
          owner = ready.status === "I" ? null : item.handlerId;
          item.resolve(bytes);
        } catch (error) {
          owner = this.db.isInTransaction() ? item.handlerId : null;
          item.reject(error);
        }
      }
    } finally {
      this.processing = false;
    }
  };

  queue.clearTransactionIfNeeded = async function clearTransactionIfNeeded(this: Queue, handlerId: number) {
    if (owner !== handlerId) return;
    owner = null;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    await this.processQueue();
  };
}
