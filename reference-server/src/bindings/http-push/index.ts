/** The outbound side of the `http` binding: signing, the callback address guard and one-attempt dispatch. */
export {
  checkAddress,
  checkCallbackUrl,
  ForbiddenAddressError,
  guardedLookup,
  parseCallbackUrl,
  type AddressCheck,
  type AddressPolicy,
  type HostLookup,
  type ParsedCallbackUrl,
} from "./address-guard.ts";
export {
  WebhookDispatcher,
  type WebhookAttemptError,
  type WebhookAttemptResult,
  type WebhookDispatcherOptions,
  type WebhookRequest,
} from "./dispatcher.ts";
export { MAX_RETRY_AFTER_MS, parseRetryAfter } from "./retry-after.ts";
export {
  axmeSignature,
  generateWebhookSecret,
  signatureHeaders,
  standardWebhookSignature,
  type SignatureInput,
} from "./signing.ts";
