/**
 * An upload read while it is still arriving: the pieces stored so far, in order, handed to the
 * import that reads them. The last few stay in memory; a reader that falls further behind
 * reads the older ones back from the database (`readStored`, a few pieces ahead), so memory
 * stays bounded however fast the upload comes in.
 */
export class Arrival {
  private stored = 0;
  private ended = false;
  private failure: ArrivalStopped | undefined;
  private settle: (complete: boolean) => void = () => {};
  /** Whether the whole upload arrived (true) or it was stopped (false), once either happens. */
  readonly complete = new Promise<boolean>((resolve) => (this.settle = resolve));
  private readonly recent = new Map<number, Uint8Array>();
  private readonly fetching = new Map<number, Promise<Uint8Array>>();
  private wake: () => void = () => {};
  private changed = this.nextChange();

  constructor(private readonly readStored: (seq: number) => Promise<Uint8Array>, private readonly keep = KEPT_PIECES) {}

  /** Piece `seq` is stored (pieces come in order). */
  add(seq: number, data: Uint8Array): void {
    this.recent.set(seq, data);
    this.recent.delete(seq - this.keep);
    this.stored = seq + 1;
    this.wake();
  }

  /** The whole upload is stored. */
  end(): void {
    this.ended = true;
    this.settle(this.failure === undefined);
    this.wake();
  }

  /** The upload broke off, or must not be read as it is (`reason`): the reader throws ArrivalStopped. */
  stop(reason: unknown): void {
    this.failure ??= new ArrivalStopped(reason);
    this.end();
  }

  async *pieces(): AsyncGenerator<Uint8Array> {
    for (let seq = 0; ; seq++) {
      while (seq >= this.stored && !this.ended) await this.changed;
      if (this.failure !== undefined) throw this.failure;
      if (seq >= this.stored) return;
      const kept = this.fetching.has(seq) ? undefined : this.recent.get(seq);
      if (kept) {
        yield kept;
        continue;
      }
      // Behind the upload: this piece and the next few are read back from the database.
      for (let next = seq; next < Math.min(this.stored, seq + READ_AHEAD); next++) if (!this.recent.has(next)) this.fetch(next);
      const data = await this.fetch(seq);
      this.fetching.delete(seq);
      yield data;
    }
  }

  private fetch(seq: number): Promise<Uint8Array> {
    let piece = this.fetching.get(seq);
    if (!piece) {
      piece = this.readStored(seq);
      piece.catch(() => {}); // taken when awaited; a piece read ahead of an error is never awaited
      this.fetching.set(seq, piece);
    }
    return piece;
  }

  private nextChange(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.changed = this.nextChange();
        resolve();
      };
    });
  }
}

/** Pieces (of 1 MB) kept in memory for the reader, and read back ahead of it once it is behind. */
const KEPT_PIECES = 2;
const READ_AHEAD = 4;

/** What the reader of an arrival throws when the upload stopped: no failure of the import itself. */
export class ArrivalStopped extends Error {
  constructor(reason: unknown) {
    super("The upload stopped before the import could read all of it.", { cause: reason });
  }
}
