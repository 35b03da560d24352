/** Every `axp` command, in the order help lists them. */
import type { Command } from "../command.ts";
import { agentCommands } from "./agents.ts";
import { configCommands } from "./config.ts";
import { deliveryCommands } from "./deliveries.ts";
import { inboxCommands } from "./inbox.ts";
import { inboxLinkCommands } from "./inbox-link.ts";
import { intentCommands } from "./intents.ts";
import { receiveCommands } from "./receive.ts";
import { scenarioCommands } from "./scenarios.ts";
import { serverCommands } from "./server.ts";

export const COMMANDS: readonly Command[] = [
  ...intentCommands,
  ...receiveCommands,
  ...agentCommands,
  ...deliveryCommands,
  ...inboxCommands,
  ...inboxLinkCommands,
  ...scenarioCommands,
  ...serverCommands,
  ...configCommands,
];
