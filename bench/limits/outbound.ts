/**
 * L6: raw outbound HTTP POST rate: node:http Agent, keep-alive, CONCURRENCY sockets, a webhook-
 * sized JSON body, to a trivial receiver that answers 200. Prints JSON.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";

const [url = "http://127.0.0.1:1/", secondsArg = "2", concArg = "64", sizeArg = "900"] = process.argv.slice(2);
const target = new URL(url);
const concurrency = Number(concArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const body = JSON.stringify({ type: "intent.delivery", pad: "x".repeat(Math.max(0, Number(sizeArg) - 40)) });
const end = performance.now() + Number(secondsArg) * 1000;
let ok = 0;
let failed = 0;
const one = () =>
  new Promise<void>((resolve) => {
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => {
        if ((res.statusCode ?? 0) < 300) ok++;
        else failed++;
        resolve();
      });
    });
    req.on("error", () => {
      failed++;
      resolve();
    });
    req.end(body);
  });
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) await one();
  }),
);
const secs = (performance.now() - started) / 1000;
console.log(JSON.stringify({ posts_per_s: Math.round(ok / secs), failed, concurrency, body_bytes: Buffer.byteLength(body) }));
agent.destroy();
