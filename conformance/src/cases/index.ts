/** Every case of the kit, in report order: core first, then each binding, scenarios, then durability. */
import type { CaseDefinition } from "../case.ts";
import coreAuth from "./core/auth.ts";
import coreCapabilities from "./core/capabilities.ts";
import coreErrors from "./core/errors.ts";
import coreEventStream from "./core/event-stream.ts";
import coreEvents from "./core/events.ts";
import coreHealth from "./core/health.ts";
import coreIdempotency from "./core/idempotency.ts";
import coreIntents from "./core/intents.ts";
import corePolicy from "./core/policy.ts";
import coreRateLimit from "./core/rate-limit.ts";
import coreResolve from "./core/resolve.ts";
import coreValidation from "./core/validation.ts";
import durabilityCrash from "./durability/crash.ts";
import durabilityHistory from "./durability/history.ts";
import durabilityShutdown from "./durability/shutdown.ts";
import httpDelivery from "./http/delivery.ts";
import inboxCompletions from "./inbox/completions.ts";
import inboxThreads from "./inbox/threads.ts";
import inboxWeb from "./inbox/web.ts";
import internalTimers from "./internal/timers.ts";
import httpRetry from "./http/retry.ts";
import pollInFlight from "./poll/in-flight.ts";
import pollLongPoll from "./poll/long-poll.ts";
import pollRecords from "./poll/records.ts";
import scenariosProvision from "./scenarios/provision.ts";
import streamBindingChange from "./stream/binding-change.ts";
import streamDelivery from "./stream/delivery.ts";
import streamRedelivery from "./stream/redelivery.ts";
import streamWindow from "./stream/window.ts";

export const CASES: readonly CaseDefinition[] = [
  ...coreHealth,
  ...coreCapabilities,
  ...coreAuth,
  ...coreErrors,
  ...coreValidation,
  ...coreIntents,
  ...coreIdempotency,
  ...coreEvents,
  ...coreEventStream,
  ...coreResolve,
  ...corePolicy,
  ...coreRateLimit,
  ...streamDelivery,
  ...streamRedelivery,
  ...streamWindow,
  ...streamBindingChange,
  ...pollLongPoll,
  ...pollRecords,
  ...pollInFlight,
  ...httpDelivery,
  ...httpRetry,
  ...inboxThreads,
  ...inboxCompletions,
  ...inboxWeb,
  ...internalTimers,
  ...scenariosProvision,
  ...durabilityHistory,
  ...durabilityCrash,
  ...durabilityShutdown,
];
