/** A writer worker that starts fine and dies on its first piece of work. */
import { parentPort } from "node:worker_threads";
import type { FromWriter } from "../protocol.ts";

parentPort?.postMessage({ type: "ready" } satisfies FromWriter);
parentPort?.on("message", () => {
  throw new Error("simulated writer crash");
});
