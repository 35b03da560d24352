/**
 * Mutant servers: the reference server behind a proxy (or with a wrapper command) that breaks
 * exactly one rule each. Every mutant names the case that must catch it and the requirement
 * that case must fail on.
 */
import { randomUUID } from "node:crypto";
import { editJson, type Exchange, type Frame, type Rules } from "./proxy.ts";
import { serverCommand } from "./reference.ts";

export interface Mutant {
  /** What the mutant breaks, in words. */
  breaks: string;
  /** The case named for it. */
  catches: string;
  /** The requirement that case must fail on. */
  requirement: string;
  /** Rewrites between the kit and the implementation; `upstream` is the implementation's base URL. */
  api?: (upstream: string) => Rules;
  /** Rewrites between the implementation and the kit's webhook sink. */
  relay?: () => Rules;
  /** A --server-cmd for the mutant (crash cases). */
  serverCmd?: (port: number) => string;
}

const path = (req: Exchange) => req.url.pathname;
const isAgentStream = (req: Exchange) => path(req).startsWith("/v1/agents/") && path(req).endsWith("/intents/stream");
const isEventStream = (req: Exchange) => /^\/v1\/intents\/[^/]+\/events\/stream$/.test(path(req));
const delivery = (f: Frame) => JSON.parse(f.data) as { delivery_id: string; attempt: number };
const errorCode = (body: Buffer) => {
  try {
    return (JSON.parse(body.toString("utf8")) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

/** Answers every refusal with `code` with 200 {"ok": true}, as if the request had been accepted. */
const acceptRefusal = (status: number, code: string): Rules => ({
  answer: (_req, res) => {
    if (res.status === status && errorCode(res.body) === code) {
      res.status = 200;
      res.body = Buffer.from('{"ok":true}');
    }
  },
});

/** Publishes a `limits` value other than the one the implementation enforces. */
const misstateLimit = (name: "max_in_flight_per_agent" | "max_json_depth", by: number): Rules => ({
  answer: (req, res) => {
    if (path(req) === "/v1/capabilities" && res.status === 200) editJson<{ limits: Record<string, number> }>(res, (body) => void (body.limits[name] = (body.limits[name] ?? 0) + by));
  },
});

/** Ack a delivery upstream behind the kit's back, with the kit's own key. */
async function ackBehindTheBack(upstream: string, req: Exchange, agentPath: string, d: { delivery_id: string; attempt: number }) {
  const res = await fetch(new URL(`${agentPath}/deliveries/${d.delivery_id}/ack?attempt=${d.attempt}`, upstream), { method: "POST", headers: { "x-api-key": req.headers["x-api-key"] ?? "" } });
  await res.body?.cancel();
}

export const MUTANTS: [string, Mutant][] = [
  [
    "drops the first delivery frame of an agent stream",
    {
      breaks: "the first intent.delivered frame never reaches the client, though stream.timeout advances past it",
      catches: "stream.delivery.1",
      requirement: "AXP-STREAM-011",
      api: () => {
        const dropped = new Set<string>();
        return {
          frame: (req, f) => {
            if (!isAgentStream(req) || f.event !== "intent.delivered" || dropped.has(path(req))) return f;
            dropped.add(path(req));
            return null;
          },
        };
      },
    },
  ],
  [
    "gives a redelivery a new delivery_id",
    {
      breaks: "re-emitted frames (attempt > 1) carry a fresh delivery_id",
      catches: "stream.redelivery.1",
      requirement: "AXP-STREAM-014",
      api: () => ({ frame: (req, f) => (isAgentStream(req) && f.event === "intent.delivered" && delivery(f).attempt > 1 ? { ...f, data: JSON.stringify({ ...JSON.parse(f.data), delivery_id: randomUUID() }) } : f) }),
    },
  ],
  [
    "never redelivers after a lease expires",
    {
      breaks: "frames of attempt > 1 are dropped",
      catches: "stream.redelivery.1",
      requirement: "AXP-DELIVERY-009",
      api: () => ({ frame: (req, f) => (isAgentStream(req) && f.event === "intent.delivered" && delivery(f).attempt > 1 ? null : f) }),
    },
  ],
  [
    "answers 201 to a create",
    {
      breaks: "POST /v1/intents answers 201 instead of 200",
      catches: "core.intents.create.1",
      requirement: "AXP-INTENT-001",
      api: () => ({ answer: (req, res) => void (req.method === "POST" && path(req) === "/v1/intents" && res.status === 200 && (res.status = 201)) }),
    },
  ],
  [
    "treats since as inclusive",
    {
      breaks: "event reads with since=N also return seq N",
      catches: "core.events.since.1",
      requirement: "AXP-EVENT-004",
      api: () => ({
        request: (req) => {
          const since = Number(req.url.searchParams.get("since") ?? 0);
          if (/^\/v1\/intents\/[^/]+\/events(\/stream)?$/.test(path(req)) && since > 0) req.url.searchParams.set("since", String(since - 1));
        },
      }),
    },
  ],
  [
    "never ends an agent stream window",
    {
      breaks: "stream.timeout is withheld and the response is never closed",
      catches: "stream.window.1",
      requirement: "AXP-STREAM-011",
      api: () => ({ frame: (req, f) => (isAgentStream(req) && f.event === "stream.timeout" ? null : f), holdOpen: isAgentStream }),
    },
  ],
  [
    "answers 200 to a second terminal resolve",
    {
      breaks: "409 intent_already_terminal becomes 200",
      catches: "core.terminal.1",
      requirement: "AXP-INTENT-018",
      api: () => acceptRefusal(409, "intent_already_terminal"),
    },
  ],
  [
    "ignores Idempotency-Key",
    {
      breaks: "the Idempotency-Key header never reaches the server",
      catches: "core.idempotency.1",
      requirement: "AXP-INTENT-010",
      api: () => ({ request: (req) => void delete req.headers["idempotency-key"] }),
    },
  ],
  [
    "corrupts the Standard Webhooks signature",
    {
      breaks: "one character of webhook-signature is changed",
      catches: "http.signature.1",
      requirement: "AXP-HTTP-005",
      relay: () => ({
        request: (req) => {
          const sig = req.headers["webhook-signature"];
          if (sig) req.headers["webhook-signature"] = sig.slice(0, -2) + (sig.at(-2) === "A" ? "B" : "A") + sig.slice(-1);
        },
      }),
    },
  ],
  [
    "omits X-Axme-Signature",
    {
      breaks: "the X-Axme-Signature header is dropped",
      catches: "http.signature.2",
      requirement: "AXP-HTTP-006",
      relay: () => ({ request: (req) => void delete req.headers["x-axme-signature"] }),
    },
  ],
  [
    "ignores Retry-After",
    {
      breaks: "the receiver's Retry-After never reaches the server, which retries on its own schedule",
      catches: "http.retry-after.1",
      requirement: "AXP-HTTP-013",
      relay: () => ({ answer: (_req, res) => void delete res.headers["retry-after"] }),
    },
  ],
  [
    "retries after a 2xx",
    {
      breaks: "the first 2xx of each delivery reaches the server as a 500",
      catches: "http.ack.1",
      requirement: "AXP-HTTP-009",
      relay: () => {
        const seen = new Set<string>();
        return {
          answer: (req, res) => {
            const id = req.headers["webhook-id"] ?? "";
            if (res.status < 300 && !seen.has(id)) {
              seen.add(id);
              res.status = 500;
            }
          },
        };
      },
    },
  ],
  [
    "changes webhook-id on retries",
    {
      breaks: "attempts after the first carry a fresh webhook-id",
      catches: "http.retry.1",
      requirement: "AXP-HTTP-003",
      relay: () => ({ request: (req) => void (Number(req.headers["x-axp-attempt"] ?? 1) > 1 && (req.headers["webhook-id"] = randomUUID())) }),
    },
  ],
  [
    "accepts operations on a lease it does not hold",
    {
      breaks: "409 lease_not_held becomes 200",
      catches: "poll.lease-not-held.1",
      requirement: "AXP-POLL-011",
      api: () => acceptRefusal(409, "lease_not_held"),
    },
  ],
  [
    "hands one delivery to two long-polls",
    {
      breaks: "each long-poll answer also repeats the deliveries of the previous one",
      catches: "poll.lease.1",
      requirement: "AXP-POLL-005",
      api: () => {
        const previous = new Map<string, unknown[]>();
        return {
          answer: (req, res) => {
            if (!path(req).endsWith("/deliveries/poll") || res.status !== 200) return;
            editJson<{ deliveries: unknown[] }>(res, (body) => {
              const fresh = body.deliveries;
              body.deliveries = [...fresh, ...(previous.get(path(req)) ?? [])];
              if (fresh.length > 0) previous.set(path(req), fresh);
            });
          },
        };
      },
    },
  ],
  [
    "swallows every fourth delivery and acks it itself",
    {
      breaks: "one pull delivery in four is acked behind the consumer's back and never shown to it",
      catches: "durability.history.1",
      requirement: "AXP-DELIVERY-004",
      api: (upstream) => {
        let count = 0;
        return {
          frame: async (req, f) => {
            if (!isAgentStream(req) || f.event !== "intent.delivered" || ++count % 4 !== 0) return f;
            await ackBehindTheBack(upstream, req, path(req).slice(0, -"/intents/stream".length), delivery(f));
            return null;
          },
          answer: async (req, res) => {
            if (!path(req).endsWith("/deliveries/poll") || res.status !== 200) return;
            const body = JSON.parse(res.body.toString("utf8")) as { deliveries: { delivery_id: string; attempt: number }[] };
            const kept = [];
            for (const d of body.deliveries) {
              if (++count % 4 === 0) await ackBehindTheBack(upstream, req, path(req).slice(0, -"/deliveries/poll".length), d);
              else kept.push(d);
            }
            res.body = Buffer.from(JSON.stringify({ ...body, deliveries: kept }));
          },
        };
      },
    },
  ],
  [
    "fires deadlines early",
    {
      breaks: "every deadline_at reaches the server one second earlier than sent",
      catches: "internal.deadline.1",
      requirement: "AXP-INTERNAL-013",
      api: () => ({
        request: (req) => {
          if (req.method !== "POST" || path(req) !== "/v1/intents") return;
          editJson<{ deadline_at?: string }>(req, (body) => {
            if (body.deadline_at) body.deadline_at = new Date(Date.parse(body.deadline_at) - 1_000).toISOString();
          });
        },
      }),
    },
  ],
  [
    "serves errors as problem+json",
    {
      breaks: "error answers carry Content-Type application/problem+json",
      catches: "core.errors.1",
      requirement: "AXP-CORE-008",
      api: () => ({ answer: (_req, res) => void (res.status >= 400 && (res.headers["content-type"] = "application/problem+json")) }),
    },
  ],
  [
    "answers a missing key with 403",
    {
      breaks: "401 missing_platform_api_key becomes 403 forbidden",
      catches: "core.auth.1",
      requirement: "AXP-AUTH-002",
      api: () => ({
        answer: (_req, res) => {
          if (res.status !== 401) return;
          res.status = 403;
          editJson<{ error: { code: string } }>(res, (body) => void (body.error.code = "forbidden"));
        },
      }),
    },
  ],
  [
    "numbers event frames apart from their seq",
    {
      breaks: "event stream frame ids are seq + 1000",
      catches: "core.events.stream.1",
      requirement: "AXP-EVENT-008",
      api: () => ({ frame: (req, f) => (isEventStream(req) && f.event?.startsWith("intent.") ? { ...f, id: String(Number(f.id) + 1_000) } : f) }),
    },
  ],
  [
    "hands over more deliveries than its in-flight bound",
    {
      breaks: "the capabilities document publishes max_in_flight_per_agent 4 below what the server enforces",
      catches: "poll.in-flight.1",
      requirement: "AXP-DELIVERY-021",
      api: () => misstateLimit("max_in_flight_per_agent", -4),
    },
  ],
  [
    "refuses bodies within its published nesting depth",
    {
      breaks: "the capabilities document publishes max_json_depth one above what the server accepts",
      catches: "core.validation.4",
      requirement: "AXP-CORE-025",
      api: () => misstateLimit("max_json_depth", 1),
    },
  ],
  [
    "rate-limits without Retry-After",
    {
      breaks: "429 rate_limit_exceeded answers lose their Retry-After header",
      catches: "core.rate-limit.1",
      requirement: "AXP-CORE-020",
      api: () => ({ answer: (_req, res) => void (res.status === 429 && delete res.headers["retry-after"]) }),
    },
  ],
  [
    "accepts a transition outside the table",
    {
      breaks: "409 invalid_transition becomes 200",
      catches: "core.transition.1",
      requirement: "AXP-INTENT-017",
      api: () => acceptRefusal(409, "invalid_transition"),
    },
  ],
  [
    "provisions scenario agents with the default binding",
    {
      breaks: "delivery_mode and callback_url are dropped from the agents of POST /v1/scenarios/apply",
      catches: "scenarios.provision.1",
      requirement: "AXP-DELIVERY-023",
      api: () => ({
        request: (req) => {
          if (req.method !== "POST" || path(req) !== "/v1/scenarios/apply") return;
          editJson<{ agents?: { delivery_mode?: string; callback_url?: string }[] }>(req, (body) => {
            for (const a of body.agents ?? []) {
              delete a.delivery_mode;
              delete a.callback_url;
            }
          });
        },
      }),
    },
  ],
  [
    "completes an intent twice",
    {
      breaks: "inbox listings show every completion thread twice",
      catches: "inbox.completion.4",
      requirement: "AXP-INBOX-017",
      api: () => ({
        answer: (req, res) => {
          if (req.method !== "GET" || path(req) !== "/v1/inbox" || res.status !== 200) return;
          editJson<{ threads: { kind: string }[] }>(res, (body) => void (body.threads = body.threads.flatMap((t) => (t.kind === "completion" ? [t, t] : [t]))));
        },
      }),
    },
  ],
  [
    "loses its data on a crash",
    {
      breaks: "every start uses a fresh, empty data directory",
      catches: "durability.crash.1",
      requirement: "AXP-DURABILITY-001",
      serverCmd: (port) => serverCommand(port, '"$(mktemp -d)"'),
    },
  ],
];
