/** `@axp/sdk/webhooks`: verify and receive the webhooks of the `http` binding. */
export { createWebhookHandler, type WebhookHandler, type WebhookHandlerOptions } from "./handler.ts";
export { type HeadersInput, type VerifyOptions, verifyWebhook, type WebhookFailureReason, WebhookVerificationError } from "./verify.ts";
