/**
 * One webhook attempt of the `http` binding: sign, POST to the agent's callback URL, classify the
 * outcome. Retries, backoff and bookkeeping belong to the delivery engine; this module only
 * guarantees that an attempt ends within its timeout, never rejects for a network problem and
 * never leaves a socket behind.
 */
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import {
  checkAddress,
  ForbiddenAddressError,
  guardedLookup,
  parseCallbackUrl,
  type AddressPolicy,
  type HostLookup,
} from "./address-guard.ts";
import { parseRetryAfter } from "./retry-after.ts";
import { signatureHeaders } from "./signing.ts";

/** Why an attempt failed without a usable response (or, for `redirect`, with one we refuse to follow). */
export type WebhookAttemptError =
  | "timeout"
  | "connection_refused"
  | "connection_reset"
  | "dns"
  | "forbidden_address"
  | "tls"
  | "redirect"
  | "network";

/** What one attempt led to; `durationMs` runs from the call to the response headers (or the failure). */
export type WebhookAttemptResult =
  | { outcome: "acked"; status: number; durationMs: number }
  | { outcome: "gone"; status: 410; durationMs: number }
  | {
      outcome: "failed";
      status?: number;
      error?: WebhookAttemptError;
      /** From `Retry-After` on a 429 or 503, when it was valid. */
      retryAfterMs?: number;
      durationMs: number;
    };

/** One attempt to deliver. */
export interface WebhookRequest {
  url: string;
  /** Sent as `webhook-id`; the same on every attempt of a delivery. */
  deliveryId: string;
  /** From 1. */
  attempt: number;
  /** The serialised `WebhookDelivery`, sent and signed byte for byte. */
  body: string;
  /** The agent's valid secrets, current first (see `signatureHeaders`). */
  secrets: readonly string[];
  /** The whole attempt — waiting for a socket, connecting, headers and body — ends by then. */
  timeoutMs: number;
  traceId?: string;
}

export interface WebhookDispatcherOptions {
  policy: AddressPolicy;
  /** Concurrent connections per origin (default 32); further attempts queue inside their timeout. */
  maxSocketsPerOrigin?: number;
  /** Response bytes read before the connection is cut (default 64 KiB). */
  maxResponseBytes?: number;
  userAgent?: string;
  /** Host resolution (default: the system resolver); tests and custom DNS set it. */
  lookup?: HostLookup;
}

const DEFAULT_MAX_SOCKETS_PER_ORIGIN = 32;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
const DEFAULT_USER_AGENT = "axp-kit-webhooks/1";
// Idle keep-alive sockets are closed before the usual server idle timeout (Node's is 5 s), so an
// attempt is rarely written into a connection the receiver is closing at that moment.
const IDLE_SOCKET_TIMEOUT_MS = 4000;

/**
 * Sends webhook attempts over keep-alive connections, one `http.Agent` and one `https.Agent`
 * shared by all receivers; each agent connects only through `guardedLookup`, so a host that
 * starts resolving to a refused address is caught at connect time.
 */
export class WebhookDispatcher {
  readonly #policy: AddressPolicy;
  readonly #maxResponseBytes: number;
  readonly #userAgent: string;
  readonly #httpAgent: http.Agent;
  readonly #httpsAgent: https.Agent;
  #closed = false;

  /** @throws RangeError when `policy.allowHosts` holds an entry that is no host name, address or CIDR. */
  constructor(options: WebhookDispatcherOptions) {
    // A private copy: compiled policies are cached per object, so no one may change ours later.
    this.#policy = { ...options.policy, allowHosts: [...options.policy.allowHosts] };
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
    const agentOptions = {
      keepAlive: true,
      maxSockets: options.maxSocketsPerOrigin ?? DEFAULT_MAX_SOCKETS_PER_ORIGIN,
      timeout: IDLE_SOCKET_TIMEOUT_MS,
      lookup: guardedLookup(this.#policy, options.lookup),
    };
    this.#httpAgent = new http.Agent(agentOptions);
    this.#httpsAgent = new https.Agent(agentOptions);
  }

  /**
   * Makes one attempt and reports how it went; network trouble of any kind is a `failed`
   * result, never a rejection. Redirects are not followed. The response body is read up to
   * `maxResponseBytes` so the connection can be reused, and the connection is cut when the body is
   * longer or still arriving at the deadline; the status decides the outcome either way.
   *
   * @throws Error (as a rejection) on programming errors only: no secret, a header value that is
   * not a valid header (such as a trace id with a newline), or a call after `close()`.
   */
  async send(request: WebhookRequest): Promise<WebhookAttemptResult> {
    const started = performance.now();
    if (this.#closed) throw new Error("the webhook dispatcher is closed");
    const target = parseCallbackUrl(request.url);
    // Node does not call `lookup` for an IP-literal host, so those are checked here.
    if (!target.ok || (isIP(target.host) !== 0 && !checkAddress(target.host, this.#policy).ok)) {
      return { outcome: "failed", error: "forbidden_address", durationMs: performance.now() - started };
    }
    const headers = {
      ...signatureHeaders({
        secrets: request.secrets,
        id: request.deliveryId,
        timestampSeconds: Math.floor(Date.now() / 1000),
        body: request.body,
        attempt: request.attempt,
        ...(request.traceId === undefined ? {} : { traceId: request.traceId }),
      }),
      "content-length": String(Buffer.byteLength(request.body)),
      "user-agent": this.#userAgent,
    };
    const secure = target.url.protocol === "https:";
    const outgoing = (secure ? https : http).request(target.url, {
      method: "POST",
      agent: secure ? this.#httpsAgent : this.#httpAgent,
      headers,
    });
    return new Promise((resolve) => {
      let answer: WebhookAttemptResult | undefined;
      let settled = false;
      const settle = (result: WebhookAttemptResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve(result);
      };
      const fail = (error: WebhookAttemptError): WebhookAttemptResult => ({
        outcome: "failed",
        error,
        durationMs: performance.now() - started,
      });
      const deadline = setTimeout(() => {
        settle(answer ?? fail("timeout"));
        outgoing.destroy();
      }, request.timeoutMs);

      // Errors after the response headers (a body cut short) do not change the answer.
      outgoing.on("error", (error) => settle(answer ?? fail(classifyError(error))));
      outgoing.on("response", (response) => {
        const result = classifyResponse(response, performance.now() - started);
        answer = result;
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received > this.#maxResponseBytes) {
            settle(result);
            outgoing.destroy();
          }
        });
        response.on("error", () => settle(result));
        response.on("close", () => settle(result));
      });
      outgoing.end(request.body);
    });
  }

  /**
   * Closes every pooled connection; attempts still in flight end as `failed`. Call it after the
   * delivery engine has stopped sending.
   */
  async close(): Promise<void> {
    this.#closed = true;
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
  }
}

function classifyResponse(response: http.IncomingMessage, durationMs: number): WebhookAttemptResult {
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return { outcome: "acked", status, durationMs };
  if (status === 410) return { outcome: "gone", status, durationMs };
  if (status >= 300 && status < 400) return { outcome: "failed", status, error: "redirect", durationMs };
  if (status === 429 || status === 503) {
    const retryAfterMs = parseRetryAfter(response.headers["retry-after"], Date.now());
    return retryAfterMs === undefined
      ? { outcome: "failed", status, durationMs }
      : { outcome: "failed", status, retryAfterMs, durationMs };
  }
  return { outcome: "failed", status, durationMs };
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA", "EAI_NONAME", "ENODATA"]);
// Node's own TLS codes, OpenSSL's, and the certificate verification results (all name a cert or
// an issuer); EPROTO is what a TLS handshake with a plain-text server usually ends in.
const TLS_CODE = /^ERR_(?:TLS|SSL|OSSL)_|CERT|ISSUER|^UNABLE_TO_VERIFY|^EPROTO$/;

function classifyError(error: unknown): WebhookAttemptError {
  if (error instanceof ForbiddenAddressError) return "forbidden_address";
  // With several addresses Node tries them all (happy eyeballs) and reports every failure.
  if (error instanceof AggregateError) return classifyError(error.errors[0]);
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? "";
  if (code === "ECONNREFUSED") return "connection_refused";
  if (code === "ECONNRESET" || code === "EPIPE" || code === "ECONNABORTED") return "connection_reset";
  if (code === "ETIMEDOUT") return "timeout";
  if (DNS_CODES.has(code)) return "dns";
  if (TLS_CODE.test(code)) return "tls";
  return "network";
}
