/**
 * The AXP reference server.
 *
 * @example
 * import { startServer, DEFAULTS } from "axp-server";
 * const server = await startServer({ ...DEFAULTS, port: 0, dataDir: "./data" });
 * console.log(server.url);
 * await server.close();
 */
export { DEFAULTS, SERVER_NAME, startServer } from "./server.ts";
export type { RunningServer, ServerConfig } from "./server.ts";
