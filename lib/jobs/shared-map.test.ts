import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { SharedMap } from "./shared-map";

describe("a map shared by the threads of a process", () => {
  it("shows another thread's changes here, in order", async () => {
    const here = new SharedMap<string, { processed: number }>("test-progress");
    const thread = new Worker(
      `const { BroadcastChannel } = require("node:worker_threads");
       const channel = new BroadcastChannel("leadrank:test-progress");
       channel.postMessage({ key: "gone", value: { processed: 9 } });
       channel.postMessage({ key: "gone", deleted: true });
       for (let processed = 1; processed <= 3; processed++) channel.postMessage({ key: "job", value: { processed } });
       channel.close();`,
      { eval: true },
    );
    await new Promise((resolve) => thread.once("exit", resolve));
    await expect.poll(() => here.get("job")).toEqual({ processed: 3 });
    expect(here.get("gone")).toBeUndefined();
  });
});
