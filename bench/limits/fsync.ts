/** L1: write 300 bytes + fdatasync in a loop, appending to a new file in DIR. Prints JSON. */
import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const [dir = ".", secondsArg = "2"] = process.argv.slice(2);
const file = path.join(dir, `fsync-${process.pid}.bin`);
const fd = openSync(file, "w");
const buf = Buffer.alloc(300, 120);
const end = performance.now() + Number(secondsArg) * 1000;
const lat: number[] = [];
while (performance.now() < end) {
  const t = performance.now();
  writeSync(fd, buf);
  fdatasyncSync(fd);
  lat.push(performance.now() - t);
}
closeSync(fd);
rmSync(file, { force: true });
lat.sort((a, b) => a - b);
const secs = Number(secondsArg);
console.log(JSON.stringify({ ops_per_s: Math.round(lat.length / secs), p50_us: Math.round((lat[Math.floor(lat.length / 2)] ?? 0) * 1000), p99_us: Math.round((lat[Math.floor(lat.length * 0.99)] ?? 0) * 1000) }));
