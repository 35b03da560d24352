#!/usr/bin/env -S node --experimental-strip-types --disable-warning=ExperimentalWarning
/** The axp-server command: flags and environment → config → start. Nothing else. */
import { ConfigError, parseConfig, USAGE } from "./config.ts";
import { startServer } from "./server.ts";

let config;
try {
  config = parseConfig(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`axp-server: ${error.message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (config === "help") {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const server = await startServer(config);
if (server.adminKeyFile) process.stderr.write(`axp-server: admin key in ${server.adminKeyFile}\n`);
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`axp-server: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
