/** `@axp/sdk/cli`: the `axp` command line as a function, for embedding and tests. */
export { run, type RunOptions } from "./run.ts";
