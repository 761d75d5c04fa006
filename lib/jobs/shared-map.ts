import { BroadcastChannel } from "node:worker_threads";

/**
 * A map every thread of the process sees alike: each change is sent to the others. For the
 * live progress of imports and re-scores, which run on the jobs thread (lib/threads/jobs.ts)
 * while the status API answers on the request thread: the embedded database answers no other
 * connection while a job's transaction is open, so that progress cannot come from it.
 */
export class SharedMap<K, V> {
  private readonly map = new Map<K, V>();
  private readonly channel: BroadcastChannel;

  constructor(name: string) {
    this.channel = new BroadcastChannel(`leadrank:${name}`);
    this.channel.unref();
    this.channel.onmessage = (event) => {
      const { key, value, deleted } = (event as unknown as { data: { key: K; value?: V; deleted?: true } }).data;
      if (deleted) this.map.delete(key);
      else this.map.set(key, value as V);
    };
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    this.map.set(key, value);
    this.channel.postMessage({ key, value });
  }

  delete(key: K): void {
    this.map.delete(key);
    this.channel.postMessage({ key, deleted: true });
  }
}

/** One map per name in each thread (Next.js may load a module more than once in one thread). */
export function sharedMap<K, V>(name: string): SharedMap<K, V> {
  const maps = ((globalThis as { leadrankSharedMaps?: Map<string, SharedMap<unknown, unknown>> }).leadrankSharedMaps ??= new Map());
  let map = maps.get(name);
  if (!map) maps.set(name, (map = new SharedMap(name)));
  return map as SharedMap<K, V>;
}
