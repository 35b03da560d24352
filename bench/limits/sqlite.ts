/**
 * L2: raw node:sqlite commit rate with the server's settings (WAL, synchronous=FULL): one row
 * (a ~300-byte JSON intent) per transaction, or BATCH rows per transaction. Prints JSON.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { DatabaseSync } from "node:sqlite";
import { randomUUID } from "node:crypto";

const [dir = ".", secondsArg = "2", batchArg = "1"] = process.argv.slice(2);
const file = path.join(dir, `sqlite-limit-${process.pid}.db`);
const db = new DatabaseSync(file);
db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
db.exec("CREATE TABLE intents (id TEXT PRIMARY KEY, body TEXT NOT NULL, created_at INTEGER NOT NULL)");
const insert = db.prepare("INSERT INTO intents (id, body, created_at) VALUES (?, ?, ?)");
const begin = db.prepare("BEGIN IMMEDIATE");
const commit = db.prepare("COMMIT");
const body = JSON.stringify({ intent_type: "order.created.v1", to_agent: "agent://bench/prod/sink", payload: { order_id: "ord_0000000001", tenant: "acme", amount_cents: 12999, currency: "EUR", items: [{ sku: "SKU-1", qty: 2 }], note: "x".repeat(120) } });
const batch = Number(batchArg);
const end = performance.now() + Number(secondsArg) * 1000;
let commits = 0;
let rows = 0;
while (performance.now() < end) {
  begin.run();
  for (let i = 0; i < batch; i++) insert.run(randomUUID(), body, Date.now());
  commit.run();
  commits++;
  rows += batch;
}
db.close();
for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
const secs = Number(secondsArg);
console.log(JSON.stringify({ commits_per_s: Math.round(commits / secs), rows_per_s: Math.round(rows / secs), batch, sqlite: "node:sqlite", pragmas: "journal_mode=WAL, synchronous=FULL" }));
