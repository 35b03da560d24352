/**
 * Sending a generated request over raw node:http (so paths, bytes and headers go out exactly as
 * generated) and judging the answer: never 5xx, always within a time bound, and every non-2xx
 * the error envelope with a registered code whose registered status is the one answered.
 */
import { request, type Agent, type IncomingHttpHeaders } from "node:http";
import { ERROR_STATUS, type ErrorCode } from "../../src/http/errors.ts";
import type { FuzzRequest } from "./generate.ts";
import { answerValidator, ERROR_CODES, errorEnvelopeValidator, validationErrors } from "./spec.ts";

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  ms: number;
  /** The request line and headers as sent. */
  head: string;
}

export type Outcome = Answer | { error: string; code: string | undefined; ms: number };

/** Send `req` to `base`; gives up (as a failure) after `timeoutMs`. */
export function send(base: URL, req: FuzzRequest, agent: Agent, timeoutMs: number): Promise<Outcome> {
  const started = performance.now();
  return new Promise<Outcome>((resolve) => {
    let settled = false;
    const finish = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const headers: Record<string, string | string[] | number> = { ...req.headers };
    if (req.body !== undefined) {
      // Node sends a GET or DELETE body without framing unless told: say chunked explicitly.
      if (req.chunked) headers["transfer-encoding"] = "chunked";
      else headers["content-length"] = req.body.length;
    }
    let r: ReturnType<typeof request>;
    try {
      r = request({ host: base.hostname, port: base.port, method: req.method, path: req.path, headers, agent });
    } catch (error) {
      // Node refused to send it: the generator made something no HTTP client can send.
      finish({ error: `the client refused the request: ${(error as Error).message}`, code: "CLIENT", ms: 0 });
      return;
    }
    const timer = setTimeout(() => {
      finish({ error: `no complete answer within ${timeoutMs} ms`, code: "TIMEOUT", ms: performance.now() - started });
      r.destroy();
    }, timeoutMs);
    r.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => finish({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - started, head: (r as unknown as { _header?: string })._header ?? "" }));
      res.on("error", (error: NodeJS.ErrnoException) => finish({ error: `response broke: ${error.message}`, code: error.code, ms: performance.now() - started }));
    });
    r.on("error", (error: NodeJS.ErrnoException) => finish({ error: `request failed: ${error.message}`, code: error.code, ms: performance.now() - started }));
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** A status the operation does not document (reported, not failed: the spec may be behind). */
export interface Undocumented {
  op: string;
  status: number;
  code: string | undefined;
}

export interface Verdict {
  problems: string[];
  undocumented?: Undocumented;
  /** The server closed the connection while we still sent a body it had refused. */
  closedEarly?: boolean;
}

const TERMINAL = new Set(["COMPLETED", "FAILED", "CANCELED", "TIMED_OUT"]);

/** Bodies at least this large may be cut off by the server's early answer and close (a TCP reset can eat the answer). */
const EARLY_CLOSE_BYTES = 64 * 1024;

export function judge(req: FuzzRequest, outcome: Outcome): Verdict {
  if ("error" in outcome) {
    const reset = outcome.code === "ECONNRESET" || outcome.code === "EPIPE";
    if (reset && (req.body?.length ?? 0) >= EARLY_CLOSE_BYTES) return { problems: [], closedEarly: true };
    return { problems: [outcome.error] };
  }
  const problems: string[] = [];
  const { status, headers, body } = outcome;
  const type = headers["content-type"] ?? "";
  const text = body.toString("utf8");
  if (status >= 500) problems.push(`answered ${status}: ${text.slice(0, 500)}`);
  let code: string | undefined;
  if (status < 200 || status >= 300) {
    if (!/^application\/json/.test(type)) {
      problems.push(`a ${status} answer must be the JSON error envelope, got ${type || "no content type"}: ${text.slice(0, 200)} (headers ${JSON.stringify(headers)}; request head ${JSON.stringify(outcome.head.slice(0, 1000))})`);
    } else {
      let envelope: { ok?: unknown; error?: { code?: string; message?: string }; detail?: unknown; request_id?: unknown } | undefined;
      try {
        envelope = JSON.parse(text) as typeof envelope;
      } catch {
        problems.push(`a ${status} answer is not JSON: ${text.slice(0, 200)}`);
      }
      if (envelope !== undefined) {
        code = envelope.error?.code;
        if (!errorEnvelopeValidator(envelope)) problems.push(`a ${status} answer is not the error envelope: ${validationErrors(errorEnvelopeValidator)}: ${text.slice(0, 300)}`);
        if (code === undefined || !ERROR_CODES.has(code)) problems.push(`error code ${JSON.stringify(code)} is not in the registry`);
        else if (ERROR_STATUS[code as ErrorCode] !== status) problems.push(`error code ${code} is registered with ${ERROR_STATUS[code as ErrorCode]} but was answered ${status}`);
        if (envelope.request_id !== headers["x-request-id"]) problems.push(`request_id ${String(envelope.request_id)} differs from x-request-id ${String(headers["x-request-id"])}`);
        if (envelope.detail !== envelope.error?.message) problems.push("detail differs from error.message");
      }
    }
    if (status === 429 && !/^[1-9]\d*$/.test(String(headers["retry-after"] ?? ""))) problems.push(`429 without a whole-seconds Retry-After (${String(headers["retry-after"])})`);
    if (status === 405 && !headers.allow) problems.push("405 without Allow");
  } else if (req.op.sse && status === 200) {
    if (!/^text\/event-stream/.test(type)) problems.push(`an SSE answer with content type ${type}`);
    let terminal = false;
    for (const line of text.split("\n")) {
      if (!line.startsWith("data:")) continue;
      try {
        const data = JSON.parse(line.slice(5)) as { status?: string };
        if (data.status !== undefined && TERMINAL.has(data.status)) terminal = true;
      } catch {
        problems.push(`an SSE data line is not JSON: ${line.slice(0, 200)}`);
        break;
      }
    }
    // A window ends with stream.timeout; an intent's event stream also ends at its terminal event.
    if (!text.includes("event: stream.timeout") && !(req.op.id === "Intents_streamEvents" && terminal)) problems.push(`an SSE window ended without stream.timeout or a terminal event: ${text.slice(-500)}`);
  } else if (req.clean) {
    const validate = answerValidator(req.op, status);
    if (validate) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        problems.push(`a ${status} answer is not JSON: ${text.slice(0, 200)}`);
      }
      if (json !== undefined && !validate(json)) problems.push(`the ${status} answer does not match the spec: ${validationErrors(validate)}: ${text.slice(0, 300)}`);
    }
  }
  const undocumented = req.clean && !req.op.statuses.has(status) ? { op: req.op.id, status, code } : undefined;
  return { problems, ...(undocumented ? { undocumented } : {}) };
}
