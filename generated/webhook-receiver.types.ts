/**
 * Generated from spec/ by `npm run generate`. Do not edit: change the TypeSpec and regenerate.
 * Source: the OpenAPI 3.1 output, through openapi-typescript.
 */

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Receive one delivery. Answer quickly (within the agent's `webhook_timeout_ms`) and process asynchronously. */
        post: operations["Receiver_receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description An agent address: `agent://org/workspace/name`, or a shorter form that the server resolves
         *     (`org/workspace/name`, or a bare `name` in the caller's workspace). Org and workspace slugs are
         *     3–63 characters of `[a-z0-9-]`; names are 2–63 characters of `[a-z0-9._-]`.
         */
        "Axp.AgentAddress": string;
        /** @description A task for a person, attached to an intent. */
        "Axp.HumanTaskSpec": {
            /** @description Outcomes the person may choose; `approved` and `rejected` when omitted. */
            allowed_outcomes?: string[];
            /** @description Who may act: e-mail addresses or human principal ids. Anyone in the owner's inbox when omitted. */
            assignees?: string[];
            /** @description Instructions. */
            description?: string;
            /**
             * @description Whether non-empty `evidence` is required with the result.
             * @default false
             */
            evidence_required?: boolean;
            /** @description A JSON Schema (2020-12) that the result's form fields must satisfy. */
            form_schema?: Record<string, unknown>;
            /** @description Where reminders go, besides `intent.reminder` events. */
            notify_email?: string;
            /**
             * @description Whether a non-empty `comment` is required with the result.
             * @default false
             */
            required_comment?: boolean;
            /**
             * @description The kind of task.
             * @default approval
             */
            task_type?: components["schemas"]["Axp.HumanTaskType"];
            /** @description What the person sees first. */
            title: string;
        };
        /**
         * @description The kind of work a human task asks for.
         * @enum {string}
         */
        "Axp.HumanTaskType": "approval" | "review" | "clarification" | "provide_data" | "attach_file" | "manual_action" | "confirmation" | "validate_real_world" | "validate_output" | "assignment" | "delegation" | "reroute" | "override" | "escalate" | "form";
        /** @description An intent. */
        "Axp.Intent": {
            /** @description Why it was canceled, once `CANCELED`. */
            cancel_reason?: string;
            /** @description The correlation id. */
            correlation_id: components["schemas"]["Axp.Uuid"];
            /**
             * Format: date-time
             * @description When the intent was accepted.
             */
            created_at: string;
            /**
             * Format: date-time
             * @description When passed before the intent ends, it becomes `TIMED_OUT`.
             */
            deadline_at?: string;
            /**
             * Format: int32
             * @description Delivery attempts made so far.
             */
            delivery_attempt: number;
            /** @description The error, once `FAILED` or `TIMED_OUT`. */
            error?: components["schemas"]["Axp.IntentError"];
            /** @description The agent (or role alias) that receives the intent when it escalates. */
            escalate_to?: string;
            /** @description The sending agent, derived from its API key. */
            from_agent: components["schemas"]["Axp.AgentAddress"];
            /** @description A task for a person. */
            human_task?: components["schemas"]["Axp.HumanTaskSpec"];
            /** @description The intent's id. */
            intent_id: components["schemas"]["Axp.Uuid"];
            /** @description The intent type. */
            intent_type: components["schemas"]["Axp.IntentType"];
            /**
             * Format: int32
             * @description Delivery attempts before the intent fails with `intent.delivery_failed`; the agent's policy when omitted.
             */
            max_delivery_attempts?: number;
            /**
             * Format: int32
             * @description How many reminders at most.
             */
            max_reminders?: number;
            /** @description The application's input (at most 128 KiB as JSON). */
            payload: Record<string, unknown>;
            /** @description Who holds the intent now. */
            pending_with?: components["schemas"]["Axp.PendingWith"];
            /**
             * Format: int32
             * @description Seconds after the intent is accepted before the first `intent.reminder`.
             */
            remind_after_seconds?: number;
            /**
             * Format: int32
             * @description Reminders sent so far.
             */
            remind_count: number;
            /**
             * Format: int32
             * @description Seconds between later reminders.
             */
            remind_interval_seconds?: number;
            /** @description Where a completion thread is delivered when the intent ends. */
            reply_to?: components["schemas"]["Axp.AgentAddress"];
            /** @description The result, once `COMPLETED`. */
            result?: Record<string, unknown>;
            /**
             * Format: int64
             * @description The `seq` of the intent's latest event. Extension.
             */
            seq: number;
            /** @description The current status. */
            status: components["schemas"]["Axp.IntentStatus"];
            /** @description The receiving agent. */
            to_agent: components["schemas"]["Axp.AgentAddress"];
            /**
             * Format: date-time
             * @description When the intent last changed.
             */
            updated_at: string;
            /** @description Why the intent waits; present exactly when `status` is `WAITING`. */
            waiting_reason?: components["schemas"]["Axp.WaitingReason"];
        };
        /** @description The error an intent failed with. */
        "Axp.IntentError": {
            /** @description A machine-readable code, e.g. `delivery_failed`, `intent_timeout`. */
            code: string;
            /** @description Structured context. */
            details?: Record<string, unknown>;
            /** @description A human-readable message. */
            message?: string;
            /** @description Whether sending the intent again may succeed. */
            retryable?: boolean;
        };
        /**
         * @description The status of an intent. `COMPLETED`, `FAILED`, `CANCELED` and `TIMED_OUT` are terminal.
         * @enum {string}
         */
        "Axp.IntentStatus": "CREATED" | "SUBMITTED" | "DELIVERED" | "ACKNOWLEDGED" | "IN_PROGRESS" | "WAITING" | "COMPLETED" | "FAILED" | "CANCELED" | "TIMED_OUT";
        /**
         * @description The type of an intent: dot-separated lowercase segments ending in a version, such as
         *     `order.fulfil.v1`.
         */
        "Axp.IntentType": string;
        /** @description Who currently holds an intent. */
        "Axp.PendingWith": {
            /** @description A display name, when known. */
            name?: string;
            /** @description The agent address, human principal id, or timer name. */
            ref: string;
            /**
             * @description Whether an agent, a person or the platform holds it.
             * @enum {string}
             */
            type: "agent" | "human" | "internal";
        };
        /**
         * Format: uuid
         * @description A UUID in its canonical lowercase text form.
         */
        "Axp.Uuid": string;
        /**
         * @description Why an intent is `WAITING`.
         * @enum {string}
         */
        "Axp.WaitingReason": "WAITING_FOR_HUMAN" | "WAITING_FOR_TOOL" | "WAITING_FOR_AGENT" | "WAITING_FOR_TIME";
        /** @description The JSON body the platform POSTs to an `http` agent's `callback_url`. Extension: the public API documents only `intent_id`. */
        "Axp.WebhookDelivery": {
            /** @description The receiving agent. */
            agent: components["schemas"]["Axp.AgentAddress"];
            /**
             * Format: int32
             * @description This attempt, from 1.
             */
            attempt: number;
            /** @description The delivery; equals the `webhook-id` header and stays the same across retries. */
            delivery_id: components["schemas"]["Axp.Uuid"];
            /** @description The intent. */
            intent: components["schemas"]["Axp.Intent"];
            /** @description The intent's id, at the top level as in the public API. */
            intent_id: components["schemas"]["Axp.Uuid"];
            /**
             * Format: int32
             * @description The attempt after which the intent fails.
             */
            max_attempts: number;
            /**
             * Format: date-time
             * @description When this attempt was sent.
             */
            sent_at: string;
            /**
             * @description Always `intent.delivery`.
             * @enum {string}
             */
            type: "intent.delivery";
        };
        /**
         * @description Versions of the receiver contract.
         * @enum {string}
         */
        Versions: "v1";
    };
    responses: never;
    parameters: {
        /** @description The attempt number, from 1. */
        "WebhookHeaders.attempt": string;
        /** @description `sha256=<hex HMAC-SHA256 of the raw body>`. */
        "WebhookHeaders.axmeSignature": string;
        /** @description The sender's trace id, when it sent one. */
        "WebhookHeaders.traceId": string;
        /** @description The delivery id; the same across retries. Deduplicate on it. */
        "WebhookHeaders.webhookId": components["schemas"]["Axp.Uuid"];
        /** @description Standard Webhooks v1 signatures: space-separated `v1,<base64>` values. */
        "WebhookHeaders.webhookSignature": string;
        /** @description Seconds since the Unix epoch when this attempt was signed. */
        "WebhookHeaders.webhookTimestamp": string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    Receiver_receive: {
        parameters: {
            query?: never;
            header: {
                /** @description The delivery id; the same across retries. Deduplicate on it. */
                "webhook-id": components["parameters"]["WebhookHeaders.webhookId"];
                /** @description Standard Webhooks v1 signatures: space-separated `v1,<base64>` values. */
                "webhook-signature": components["parameters"]["WebhookHeaders.webhookSignature"];
                /** @description Seconds since the Unix epoch when this attempt was signed. */
                "webhook-timestamp": components["parameters"]["WebhookHeaders.webhookTimestamp"];
                /** @description `sha256=<hex HMAC-SHA256 of the raw body>`. */
                "X-Axme-Signature": components["parameters"]["WebhookHeaders.axmeSignature"];
                /** @description The attempt number, from 1. */
                "X-Axp-Attempt": components["parameters"]["WebhookHeaders.attempt"];
                /** @description The sender's trace id, when it sent one. */
                "X-Trace-Id"?: components["parameters"]["WebhookHeaders.traceId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Axp.WebhookDelivery"];
            };
        };
        responses: {
            /** @description 2xx: the delivery is acknowledged. The body is ignored. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 2xx: the delivery is acknowledged. The body is ignored. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 2xx: the delivery is acknowledged. The body is ignored. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 2xx: the delivery is acknowledged. The body is ignored. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a connection failure: retried with backoff until the attempts run out. Redirects are not followed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a connection failure: retried with backoff until the attempts run out. Redirects are not followed. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a connection failure: retried with backoff until the attempts run out. Redirects are not followed. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a connection failure: retried with backoff until the attempts run out. Redirects are not followed. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 410 Gone: the platform stops, disables the binding and dead-letters the delivery. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 429 or 503: retried no sooner than `Retry-After` (seconds or an HTTP date). */
            429: {
                headers: {
                    /** @description When to retry. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a connection failure: retried with backoff until the attempts run out. Redirects are not followed. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a connection failure: retried with backoff until the attempts run out. Redirects are not followed. */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description 429 or 503: retried no sooner than `Retry-After` (seconds or an HTTP date). */
            503: {
                headers: {
                    /** @description When to retry. */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other status, a timeout or a connection failure: retried with backoff until the attempts run out. Redirects are not followed. */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
