/**
 * A graceful stop (SIGTERM) ends the process even when a client keeps its connection alive
 * forever: a connection busy at the signal (here an agent stream window) is closed once its
 * answer is out, instead of holding the shutdown open until the client lets go (AXP-CORE-023
 * needs the stop to finish so a supervisor can restart the server).
 */
import { Agent, get, type IncomingMessage } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { createAgent, removeDir, startServerProcess, type ServerProcess } from "./harness.ts";

let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.kill();
  if (server) removeDir(server.dataDir);
});

describe("graceful stop", () => {
  it("exits although a keep-alive client holds a connection that was busy at SIGTERM", async () => {
    server = await startServerProcess();
    const receiver = await createAgent(server.url, { mode: "stream" });
    // keepAlive without an idle timeout: this client never closes a free socket by itself.
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const url = `${server.url}/v1/agents/${encodeURIComponent(receiver.address)}/intents/stream?wait_seconds=30`;
      // The window is open (its headers arrived) before the signal, so the connection is busy then.
      const window = await new Promise<IncomingMessage>((resolve, reject) => get(url, { agent: keepAlive, headers: { "x-api-key": receiver.key } }, resolve).on("error", reject));
      expect(window.statusCode).toBe(200);
      const ended = new Promise<string>((resolve) => {
        let body = "";
        window.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        window.on("end", () => resolve(body));
      });
      const exited = server.stop();
      expect(await ended).toContain("stream.timeout");
      const code = await Promise.race([exited, new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 20_000))]);
      expect(code).toBe(0);
    } finally {
      keepAlive.destroy();
    }
  }, 60_000);
});
