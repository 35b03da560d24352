/**
 * Requests Node's HTTP parser refuses before any route runs — a raw byte 0x7F–0xFF or a control
 * character in the request target, a request line and headers over 16 KiB, broken chunked
 * framing — are answered 400 with the AXP error envelope too, instead of Node's bare
 * `400 Bad Request` / `431` without a body; a request that does not arrive within the server's
 * request timeout (a slow-loris client trickling its headers or body) is answered 408
 * `request_timeout`. The connection is closed either way.
 *
 * Wire it with `server.on("clientError", answerClientError)`.
 */
import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { ApiError, errorEnvelope } from "./errors.ts";

/** What a refused request is told, by Node's error code. */
function describe(code: string | undefined): string {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return "The request line and headers are larger than 16 KiB";
    case "HPE_INVALID_URL":
    case "HPE_INVALID_PATH":
      return "The request target contains a character that must be percent-encoded";
    case "ERR_HTTP_REQUEST_TIMEOUT":
    case "ERR_HTTP_HEADERS_TIMEOUT":
      return "The request did not arrive in time; the connection is closed";
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
    case "HPE_INVALID_CHUNK_SIZE":
      return "The chunked request body is malformed";
    default:
      return "The request is not valid HTTP/1.1";
  }
}

export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // The client went away: nothing to answer.
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  // Answer only when no response has started on this connection (as Node's default does), so a
  // half-written response is never followed by another one.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!inFlight?.headersSent) {
    const requestId = randomUUID();
    const timedOut = error.code === "ERR_HTTP_REQUEST_TIMEOUT" || error.code === "ERR_HTTP_HEADERS_TIMEOUT";
    const refusal = new ApiError(timedOut ? "request_timeout" : "invalid_request", describe(error.code), error.code ? { reason: error.code } : undefined);
    const body = JSON.stringify(errorEnvelope(refusal, requestId));
    socket.write(
      `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nx-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
