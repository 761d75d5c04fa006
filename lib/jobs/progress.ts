import { databaseTarget, prisma } from "@/lib/db/client";
import { sharedMap } from "./shared-map";
import type { JobType } from "./workers";

/**
 * The progress of the jobs this process runs (on its jobs thread), for every kind of job: while
 * a job's transaction is open its rows are not visible to other connections (and the embedded
 * database answers no other connection at all), so the status APIs read progress from here. On
 * PostgreSQL it also goes to the job's row at most twice a second, for other instances.
 */
const live = sharedMap<string, unknown>("jobs");
const keyOf = (type: Pick<JobType, "kind">, id: string) => `${type.kind}:${id}`;

/** The live progress of a job this process runs, if it runs it. */
export function liveProgress<V>(type: Pick<JobType, "kind">, id: string): V | undefined {
  return live.get(keyOf(type, id)) as V | undefined;
}

/** Reports a running job's progress: kept live at every step, shared in its row now and then. */
export class JobProgress<V> {
  private sharedAt = 0;
  private sharing: Promise<void> = Promise.resolve();
  private readonly key: string;

  constructor(
    private readonly type: Pick<JobType, "kind" | "table">,
    private readonly id: string,
  ) {
    this.key = keyOf(type, id);
  }

  /** The progress so far (the live one: this process runs the job). */
  get value(): V | undefined {
    return live.get(this.key) as V | undefined;
  }

  /**
   * Sets the job's progress (unless `value` is undefined: not shown live yet); `columns` (counts named as the job's row names them) go to its row
   * at most twice a second on PostgreSQL, without holding up the work and never fatally: if the
   * database is gone, the job's own connection says so.
   */
  set(value: V | undefined, columns?: Record<string, number>): void {
    if (value !== undefined) live.set(this.key, value);
    if (!columns || databaseTarget().kind !== "postgres" || performance.now() - this.sharedAt < 500) return;
    this.sharedAt = performance.now();
    const names = Object.keys(columns);
    const assignments = names.map((name, i) => `"${name}" = $${i + 2}`).join(", ");
    this.sharing = this.sharing.then(() =>
      prisma
        .$executeRawUnsafe(`UPDATE "${this.type.table}" SET ${assignments}, "heartbeatAt" = now() WHERE "id" = $1::uuid`, this.id, ...names.map((name) => columns[name]))
        .then(
          () => {},
          (error: Error) => console.error(`Sharing the progress of ${this.type.kind} ${this.id} failed:`, error.message),
        ),
    );
  }

  /** Waits for the last progress sent to the job's row. */
  async shared(): Promise<void> {
    await this.sharing;
  }

  /** The job is over: its row says how it ended. */
  end(): void {
    live.delete(this.key);
  }
}
