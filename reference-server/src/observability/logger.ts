/** Structured logs (pino, JSON lines on stdout). Secrets are redacted wherever they might appear. */
import { pino, type Logger } from "pino";

export const REDACTED_PATHS = [
  "req.headers['x-api-key']",
  "req.headers.authorization",
  "token",
  "key.token",
  "webhook_secret",
  "secret",
  "secrets",
  "*.token",
  "*.webhook_secret",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: "axp-server" }, redact: { paths: REDACTED_PATHS, censor: "[redacted]" }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
