#!/usr/bin/env -S node --experimental-strip-types --disable-warning=ExperimentalWarning
/** The `axp` executable: the process's argv, streams and Ctrl-C bound to `run`. */
import { run } from "./run.ts";

const interrupted = new AbortController();
process.once("SIGINT", () => interrupted.abort());
process.exitCode = await run(process.argv.slice(2), { signal: interrupted.signal });
