/** `axp scenarios apply|validate FILE`: AXP scenario bundles (`scenario.json`). */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ApplyScenarioResponse, IssuedApiKey, ScenarioBundle } from "../../types.ts";
import { type CliContext, type Command, EXIT, stringValue, UsageError } from "../command.ts";
import { readStoredJson, writePrivateJson } from "../files.ts";
import { formatRecord, formatTable } from "../output.ts";
import { waitAndPrint } from "./intents.ts";

const DEFAULT_AGENTS_FILE = "axp-agents.json";

interface StoredKey {
  key_id: string;
  api_key: string;
  created_at: string;
}

/** The local agents file: the keys of the agents (by address) and people (by id) that `apply` created. */
interface AgentsFile {
  agents: Record<string, StoredKey>;
  humans: Record<string, StoredKey & { role: string; inbox: string }>;
}

function readBundle(ctx: CliContext, file: string): ScenarioBundle {
  let text: string;
  try {
    text = readFileSync(path.resolve(ctx.cwd, file), "utf8");
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as ScenarioBundle;
  } catch {
    throw new UsageError(`${file} is not valid JSON`);
  }
}

const stored = (key: IssuedApiKey): StoredKey => ({ key_id: key.key_id, api_key: key.token, created_at: key.created_at });

/** Merge the keys of newly created agents and people into the agents file; returns how many were written. */
function saveNewKeys(file: string, applied: ApplyScenarioResponse): number {
  const agents = applied.agents.flatMap((a) => (a.key ? [[a.address, stored(a.key)] as const] : []));
  const humans = (applied.humans ?? []).flatMap((h) => (h.key ? [[h.human_id, { ...stored(h.key), role: h.role, inbox: h.inbox }] as const] : []));
  if (agents.length + humans.length === 0) return 0;
  const current = readStoredJson<Partial<AgentsFile>>(file) ?? {};
  writePrivateJson(file, {
    agents: { ...current.agents, ...Object.fromEntries(agents) },
    humans: { ...current.humans, ...Object.fromEntries(humans) },
  } satisfies AgentsFile);
  return agents.length + humans.length;
}

const apply: Command = {
  name: "scenarios apply",
  summary: "Apply a scenario bundle: provision missing agents, start its intent",
  args: ["FILE"],
  options: {
    "agents-file": { type: "string", value: "FILE", description: `Where the keys of created agents and people are saved (default ./${DEFAULT_AGENTS_FILE}, mode 0600)` },
    watch: { type: "boolean", description: "Follow the intent to its end (exit code as `intents send --wait`)" },
    timeout: { type: "string", value: "SECONDS", description: "With --watch: give up after this long (exit code 4)" },
  },
  details:
    "Keys of the agents and people the server created are shown once; they are merged into the agents file\n({\"agents\": {ADDRESS: {key_id, api_key, created_at}}, \"humans\": {HUMAN_ID: {role, inbox, key_id, api_key, created_at}}}).\n\nExample:\n  axp scenarios apply examples/approval.scenario.json --watch",
  async run(ctx, values, [file]) {
    const bundle = readBundle(ctx, file as string);
    const applied = await ctx.client().scenarios.apply(bundle);
    const agentsFile = path.resolve(ctx.cwd, stringValue(values, "agents-file") ?? DEFAULT_AGENTS_FILE);
    const saved = saveNewKeys(agentsFile, applied);
    if (values.watch) {
      if (!ctx.out.json) ctx.out.note(`scenario ${applied.scenario_id}: intent ${applied.intent_id}${saved ? `; ${saved} new key(s) in ${agentsFile}` : ""}`);
      return waitAndPrint(ctx, applied.intent_id, values);
    }
    ctx.out.result(applied, (a) =>
      [
        formatRecord([
          ["scenario", a.scenario_id],
          ["intent", a.intent_id],
          ["status", a.status],
          ["pending with", a.pending_with ? `${a.pending_with.type} ${a.pending_with.ref}` : undefined],
          ["replayed", a.idempotent ? "yes (same idempotency_key)" : undefined],
          ["new keys", saved ? `${saved} saved in ${agentsFile}` : undefined],
        ]),
        formatTable(
          [...a.agents.map((x) => ({ role: x.role, who: x.address, created: x.created })), ...(a.humans ?? []).map((h) => ({ role: h.role, who: `${h.human_id} (inbox ${h.inbox})`, created: h.key !== undefined }))],
          [
            ["ROLE", (x) => x.role],
            ["AGENT OR PERSON", (x) => x.who],
            ["CREATED", (x) => (x.created ? "yes" : "no")],
          ],
        ),
      ].join("\n\n"),
    );
  },
};

const validate: Command = {
  name: "scenarios validate",
  summary: "Check a scenario bundle without applying it (exit code 1 when invalid)",
  args: ["FILE"],
  async run(ctx, _values, [file]) {
    const answer = await ctx.client().scenarios.validate(readBundle(ctx, file as string));
    ctx.out.result(answer, (a) => {
      const issues = (label: string, list: typeof a.errors) => list.map((i) => `${label} ${i.path || "/"}: ${i.message}`);
      return [a.valid ? "valid" : "invalid", ...issues("error", a.errors), ...issues("warning", a.warnings)].join("\n");
    });
    return answer.valid ? EXIT.ok : EXIT.apiError;
  },
};

export const scenarioCommands: Command[] = [apply, validate];
