/**
 * L5: the raw SSE holder: a node:http server that holds every GET as a text/event-stream
 * response. POST /broadcast writes one event to all of them. GET /count answers how many are open.
 */
import http from "node:http";

const port = Number(process.argv[2] ?? 0);
const open = new Set<http.ServerResponse>();
const server = http.createServer((req, res) => {
  if (req.method === "POST" && req.url === "/broadcast") {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const frame = `id: 1\nevent: intent.delivered\ndata: ${Buffer.concat(chunks).toString("utf8")}\n\n`;
      for (const r of open) r.write(frame);
      res.writeHead(200, { "content-length": 2 }).end("ok");
    });
    return;
  }
  if (req.url === "/count") {
    const text = String(open.size);
    res.writeHead(200, { "content-length": text.length }).end(text);
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
  res.flushHeaders();
  open.add(res);
  res.on("close", () => open.delete(res));
});
server.requestTimeout = 0;
server.listen(port, "127.0.0.1", () => console.log(`sse-holder listening on ${(server.address() as { port: number }).port}`));
process.on("SIGTERM", () => process.exit(0));
