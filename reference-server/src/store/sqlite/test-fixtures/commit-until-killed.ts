/**
 * Commits small units forever on several concurrent lanes and prints each unit's key only
 * after its commit resolved. The durability test kills this process with SIGKILL mid-stream.
 */
import { openSqliteStore } from "../index.ts";

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error("usage: node commit-until-killed.ts <dataDir>");
const store = await openSqliteStore({ dataDir });
let next = 0;

async function lane(): Promise<void> {
  for (;;) {
    const key = `k${next++}`;
    await store.commit([
      {
        op: "putIdempotency",
        record: { scope: "durability", key, request_hash: "h", status: 201, response: { key }, created_at: Date.now() },
      },
    ]);
    process.stdout.write(`${key}\n`);
  }
}

await Promise.all(Array.from({ length: 8 }, lane));
