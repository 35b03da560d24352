/**
 * Generated from spec/ by `npm run generate`. Do not edit: change the TypeSpec and regenerate.
 * Source: the OpenAPI 3.1 output, through openapi-typescript.
 */

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Liveness probe. Needs no key. */
        get: operations["HealthOperations_health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description List agents (admin: all; agent key: itself). */
        get: operations["Agents_list"];
        put?: never;
        /** @description Create an agent and its first API key (admin). */
        post: operations["Agents_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Read an agent. */
        get: operations["Agents_get"];
        put?: never;
        post?: never;
        /** @description Delete an agent (admin). Its keys stop working; pending deliveries are dead-lettered. */
        delete: operations["Agents_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description List dead letters, newest first. */
        get: operations["DeadLetters_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/dead-letters/{delivery_id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Put a dead letter back into delivery: attempts restart at 1 with the same `delivery_id`, and
         *     a `FAILED` intent becomes `SUBMITTED` again.
         */
        post: operations["DeadLetters_replay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description List the agent's deliveries. */
        get: operations["Deliveries_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/deliveries/{delivery_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Read one delivery. */
        get: operations["Deliveries_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/deliveries/{delivery_id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Acknowledge: the delivery is done and the intent becomes `ACKNOWLEDGED`. Acking an acked delivery is a no-op. */
        post: operations["Deliveries_ack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/deliveries/{delivery_id}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The webhook attempts of an `http` delivery, oldest first. */
        get: operations["Deliveries_listAttempts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/deliveries/{delivery_id}/extend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Extend the current lease. */
        post: operations["Deliveries_extendLease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/deliveries/{delivery_id}/nack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Give the delivery back for redelivery after `delay_ms`; counts as a failed attempt. */
        post: operations["Deliveries_nack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/deliveries/poll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Lease up to `max` due deliveries, waiting up to `wait_seconds` for the first. */
        post: operations["Deliveries_poll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/delivery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Read the agent's delivery binding and policy. */
        get: operations["Agents_getDelivery"];
        /** @description Change the agent's delivery binding and policy, within the published bounds. Re-enables a disabled binding. */
        put: operations["Agents_updateDelivery"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/delivery/secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Rotate the webhook signing secret. Deliveries carry signatures by both secrets until `previous_secret_valid_until`. */
        post: operations["Agents_rotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/intents/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description Deliveries for the agent as server-sent events. Each frame hands over one delivery and
         *     starts its lease; an unacknowledged delivery is re-sent with a higher cursor and the next
         *     attempt when the lease expires. Comments (`: keep-alive`) are sent as heartbeats. The
         *     window ends `wait_seconds` after it opened with `stream.timeout` (`{"next_seq": N}`, the
         *     cursor to pass as `since` next), and the response closes. Short windows are the AXP `poll` binding.
         */
        get: operations["AgentStream_stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description List the agent's keys, without tokens. */
        get: operations["Agents_listKeys"];
        put?: never;
        /** @description Issue another API key for the agent (admin, or the agent itself). */
        post: operations["Agents_createKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agents/{address}/keys/{key_id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Revoke a key. It is refused from then on. */
        post: operations["Agents_revokeKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/{approval_id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Decide an approval. 409 when already decided. */
        post: operations["Approvals_decide"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/capabilities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The protocol version, bindings and limits of this server. Needs no key. */
        get: operations["HealthOperations_capabilities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The same liveness probe under `/v1`, which some published AXP clients call. Needs no key. */
        get: operations["HealthOperations_healthV1"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/humans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description List human principals. */
        get: operations["Humans_list"];
        put?: never;
        /** @description Create a human principal and their first key. */
        post: operations["Humans_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/humans/{human_id}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Issue another key for a person. */
        post: operations["Humans_createKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/humans/{human_id}/keys/{key_id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Revoke a person's key. */
        post: operations["Humans_revokeKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description List threads, newest first. */
        get: operations["Inbox_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/{thread_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Read a thread. */
        get: operations["Inbox_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/{thread_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Approve: completes the intent with the decision (and form data) as its result. 409 when already decided. */
        post: operations["Inbox_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/{thread_id}/delegate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Hand the thread to another agent's inbox or to a person. */
        post: operations["Inbox_delegate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/{thread_id}/messages/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Delete or hide messages. */
        post: operations["Inbox_deleteMessages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/{thread_id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Mark the thread read for the caller. */
        post: operations["Inbox_markRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/{thread_id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Reject: cancels the intent with the comment as its reason. 409 when already decided. */
        post: operations["Inbox_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/{thread_id}/reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Reply: the thread becomes `active`; the intent waits for the sender. */
        post: operations["Inbox_reply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Threads created or changed after `cursor`, oldest change first. */
        get: operations["Inbox_changes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/changes/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description The changes feed as server-sent events: one `thread.changed` frame per change committed
         *     after `cursor` (or `Last-Event-ID`), whose `id` is the change's cursor; the window ends
         *     `wait_seconds` after it opened with `stream.timeout` (`{"next_cursor": C}`). EventSource
         *     clients reconnect with `Last-Event-ID` and lose nothing. Extension.
         */
        get: operations["Inbox_streamChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description How many threads are in each status, with the same scope and search as `list`. Extension. */
        get: operations["Inbox_counts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Mint a single-use sign-in link for a person's inbox web page (admin key). The link
         *     carries a secret shown once; the server keeps only its hash. Extension.
         */
        post: operations["Inbox_createSignInLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/intents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description List the intents the caller sent or received. */
        get: operations["Intents_list"];
        put?: never;
        /**
         * @description Submit an intent. Answers only after the intent, its first events and its delivery record
         *     are durable.
         */
        post: operations["Intents_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/intents/{intent_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Read one intent, with its result once it has one. */
        get: operations["Intents_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/intents/{intent_id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The intent's events after `since`, in `seq` order. */
        get: operations["Intents_listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/intents/{intent_id}/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description The intent's events as server-sent events, from `since` (or `Last-Event-ID`). Each frame's
         *     `id` is the event's `seq`. A terminal event ends the stream at once; otherwise the window
         *     ends `wait_seconds` after it opened with `stream.timeout` (`{"next_seq": N}`, the `seq`
         *     to pass as `since` next), and the response closes.
         */
        get: operations["Intents_streamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/intents/{intent_id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Finish an intent: `COMPLETED`, `FAILED` or `CANCELED`. A second terminal resolve is 409. */
        post: operations["Intents_resolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/intents/{intent_id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Report progress or a result as the receiver (`action` / `outcome`), or answer the intent's
         *     human task (`task_result`). Acknowledges the current delivery.
         */
        post: operations["Intents_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Tasks waiting for the caller (a human key). Answer one with `POST /v1/intents/{intent_id}/resume` and a `task_result`. */
        get: operations["MyTasks_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scenarios/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Apply a bundle: create missing agents, compile the workflow and submit the intent. */
        post: operations["Scenarios_apply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scenarios/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Check a bundle without applying it. */
        post: operations["Scenarios_validate"];
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
        /** @description An agent: a service account with an address and a delivery binding. */
        Agent: {
            /** @description Its canonical address, `agent://org/workspace/name`. */
            address: components["schemas"]["AgentAddress"];
            /**
             * Format: date-time
             * @description When it was created.
             */
            created_at: string;
            /** @description Its delivery binding and policy. */
            delivery: components["schemas"]["DeliveryPolicy"];
            /** @description A display name. */
            display_name?: string;
            /** @description The name. */
            name: string;
            /** @description The org slug. */
            org: string;
            /** @description Lifecycle status. */
            status: components["schemas"]["AgentStatus"];
            /**
             * Format: date-time
             * @description When it last changed.
             */
            updated_at: string;
            /** @description The workspace slug. */
            workspace: string;
        };
        /**
         * @description An agent address: `agent://org/workspace/name`, or a shorter form that the server resolves
         *     (`org/workspace/name`, or a bare `name` in the caller's workspace). Org and workspace slugs are
         *     3–63 characters of `[a-z0-9-]`; names are 2–63 characters of `[a-z0-9._-]`.
         */
        AgentAddress: string;
        /** @description A page of agents. */
        AgentList: {
            /** @description Agents, by address. */
            agents: components["schemas"]["Agent"][];
            /** @description Whether another page exists. */
            has_more: boolean;
            /** @description Cursor of the next page, or null on the last page. */
            next_cursor: components["schemas"]["Cursor"] | null;
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
        };
        /** @description One agent. */
        AgentResponse: {
            /** @description The agent. */
            agent: components["schemas"]["Agent"];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
        };
        /**
         * @description The lifecycle status of an agent.
         * @enum {string}
         */
        AgentStatus: "active" | "suspended" | "deleted";
        /**
         * @description The data of an agent stream frame: a delivery notice. `seq` equals the frame's `id` (the
         *     agent's delivery cursor); clients resume from the largest `seq` they saw.
         */
        AgentStreamDelivery: {
            /**
             * Format: int32
             * @description The attempt this frame is. Extension.
             */
            attempt: number;
            /** @description The delivery; acknowledge it with its id. Extension. */
            delivery_id: components["schemas"]["Uuid"];
            /**
             * @description Always `intent.delivered` for deliveries.
             * @enum {string}
             */
            event_type: "intent.delivered";
            /** @description The intent itself, so receivers need not fetch it. Extension. */
            intent: components["schemas"]["Intent"];
            /** @description The intent. */
            intent_id: components["schemas"]["Uuid"];
            /** @description The intent type. */
            intent_type: components["schemas"]["IntentType"];
            /**
             * Format: date-time
             * @description When the lease this frame started ends. Extension.
             */
            lease_expires_at: string;
            /**
             * Format: int64
             * @description The agent's delivery cursor; equals the SSE `id`.
             */
            seq: number;
            /** @description The intent's status. */
            status: components["schemas"]["IntentStatus"];
        };
        /** @description The events of the agent stream. `stream.timeout` ends the response (see `IntentStreamEvents` on why it is not `@terminalEvent`). */
        AgentStreamEvents: components["schemas"]["AgentStreamDelivery"] | components["schemas"]["StreamTimeout"];
        /** @description The public part of an API key. */
        ApiKey: {
            /**
             * Format: date-time
             * @description When it was issued.
             */
            created_at: string;
            /** @description The last four characters of the token. */
            hint: string;
            /** @description The key's id. */
            key_id: string;
            /**
             * Format: date-time
             * @description When it was revoked; revoked keys are refused.
             */
            revoked_at?: string;
        };
        /** @description An agent of an applied scenario. */
        AppliedScenarioAgent: {
            /** @description Its address. */
            address: components["schemas"]["AgentAddress"];
            /** @description Whether `apply` created it. */
            created: boolean;
            /** @description Its first key, shown once, when `apply` created it. Extension. */
            key?: components["schemas"]["IssuedApiKey"];
            /** @description Its role. */
            role: string;
        };
        /** @description A person of an applied scenario. Extension. */
        AppliedScenarioHuman: {
            /** @description Their principal id. */
            human_id: string;
            /** @description The inbox agent whose threads they work. */
            inbox: components["schemas"]["AgentAddress"];
            /** @description Their first key, shown once, when `apply` created them. */
            key?: components["schemas"]["IssuedApiKey"];
            /** @description Their role. */
            role: string;
        };
        /** @description The answer to `apply`. */
        ApplyScenarioResponse: {
            /** @description The agents, with those created. */
            agents: components["schemas"]["AppliedScenarioAgent"][];
            /** @description Addresses of the agents `apply` created. */
            agents_provisioned: components["schemas"]["AgentAddress"][];
            /** @description Same as `workflow_compile_id`, as some clients read it. */
            compile_id: string;
            /**
             * Format: date-time
             * @description When it was applied.
             */
            created_at: string;
            /**
             * Format: date-time
             * @description The intent's deadline.
             */
            deadline_at?: string;
            /** @description The people, with the inbox each works and their first key (shown once) when `apply` created them. Extension. */
            humans?: components["schemas"]["AppliedScenarioHuman"][];
            /** @description True when this answer replays an earlier apply with the same `idempotency_key`. */
            idempotent: boolean;
            /** @description The started intent. */
            intent_id: components["schemas"]["Uuid"];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
            /** @description Who holds the intent. */
            pending_with?: components["schemas"]["PendingWith"];
            /** @description The scenario. */
            scenario_id: string;
            /** @description The intent's status. */
            status: components["schemas"]["IntentStatus"];
            /** @description The compiled workflow's id. */
            workflow_compile_id: string;
        };
        /** @description A decided approval. */
        Approval: {
            /** @description The approval id. */
            approval_id: components["schemas"]["Uuid"];
            /** @description The comment. */
            comment?: string;
            /**
             * Format: date-time
             * @description When it was decided.
             */
            decided_at: string;
            /**
             * @description The decision.
             * @enum {string}
             */
            decision: "approve" | "reject";
        };
        /** @description The body of an approval decision. */
        ApprovalDecisionRequest: {
            /** @description A comment. */
            comment?: string;
            /**
             * @description The decision.
             * @enum {string}
             */
            decision: "approve" | "reject";
        };
        /** @description What the server implements. */
        Capabilities: {
            /** @description The delivery bindings this server implements. */
            bindings: components["schemas"]["DeliveryMode"][];
            /** @description Capability names, e.g. `intents`, `events.stream`, `delivery.ack` (extension names are prefixed `ext.`). */
            capabilities: string[];
            /** @description Published limits and policy bounds. */
            limits: components["schemas"]["Limits"];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
            /**
             * @description The AXP protocol version.
             * @enum {string}
             */
            protocol_version: "axp/1";
            /** @description Name and version of the implementation, e.g. `axp-server/0.1.0`. */
            server: string;
            /** @description Built-in intent types that the `internal` binding handles. */
            supported_intent_types: components["schemas"]["IntentType"][];
        };
        /** @description What happened to the sender's `reply_to` when the intent ended. */
        CompletionDelivery: {
            /** @description Whether a completion thread was written. */
            delivered: boolean;
            /** @description The message written to the thread. */
            message_id?: components["schemas"]["Uuid"];
            /** @description Why not, e.g. `reply_to_not_set`. */
            reason?: string;
            /** @description The `reply_to` address. */
            reply_to?: components["schemas"]["AgentAddress"];
            /** @description The completion thread (its id equals the intent id). */
            thread_id?: components["schemas"]["Uuid"];
        };
        /** @description The body of `POST /v1/agents`. */
        CreateAgentRequest: {
            /** @description `agent://org/workspace/name` or `org/workspace/name`. */
            address: components["schemas"]["AgentAddress"];
            /** @description The delivery binding; `stream` with the server's defaults when omitted. */
            delivery?: components["schemas"]["DeliveryPolicyUpdate"];
            /** @description A display name. */
            display_name?: string;
        };
        /** @description The answer to an agent create. */
        CreateAgentResponse: {
            /** @description The agent. */
            agent: components["schemas"]["Agent"];
            /** @description Its first API key, shown once. */
            key: components["schemas"]["IssuedApiKey"];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
            /** @description Its webhook signing secret (`whsec_…`), shown once, when the binding is `http`. */
            webhook_secret?: string;
        };
        /** @description The body of `POST /v1/humans`. */
        CreateHumanRequest: {
            /** @description A display name. */
            display_name: string;
            /** @description E-mail, matched against `human_task.assignees`. */
            email?: string;
            /** @description Agents whose inbox this person works. */
            owner_agents: components["schemas"]["AgentAddress"][];
        };
        /** @description The answer to a human create. */
        CreateHumanResponse: {
            /** @description The person. */
            human: components["schemas"]["Human"];
            /** @description Their first API key, shown once. */
            key: components["schemas"]["IssuedApiKey"];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
        };
        /** @description The body of `POST /v1/intents`. */
        CreateIntentRequest: {
            /** @description Groups the intents of one workflow; stays constant across retries. Generated by the server when omitted. */
            correlation_id?: components["schemas"]["Uuid"];
            /**
             * Format: date-time
             * @description When passed before the intent ends, it becomes `TIMED_OUT`.
             */
            deadline_at?: string;
            /** @description The agent (or role alias) that receives the intent when it escalates. */
            escalate_to?: string;
            /**
             * @deprecated
             * @description Ignored: the sender is the agent of the API key (or `x-owner-agent` for the admin key).
             */
            from_agent?: string;
            /** @description A task for a person. */
            human_task?: components["schemas"]["HumanTaskSpec"];
            /** @description The intent type. */
            intent_type: components["schemas"]["IntentType"];
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
            /**
             * Format: int32
             * @description Seconds after the intent is accepted before the first `intent.reminder`.
             */
            remind_after_seconds?: number;
            /**
             * Format: int32
             * @description Seconds between later reminders.
             */
            remind_interval_seconds?: number;
            /** @description Where a completion thread is delivered when the intent ends. */
            reply_to?: components["schemas"]["AgentAddress"];
            /** @description The receiving agent. */
            to_agent: components["schemas"]["AgentAddress"];
        };
        /** @description The answer to a create. */
        CreateIntentResponse: {
            /** @description The correlation id, generated when the request had none. Extension. */
            correlation_id: components["schemas"]["Uuid"];
            /**
             * Format: date-time
             * @description When the intent was accepted.
             */
            created_at: string;
            /** @description True when this answer replays an earlier create with the same `Idempotency-Key`. Extension. */
            idempotent_replay?: boolean;
            /** @description The new intent's id (or the original's, on an idempotent replay). */
            intent_id: components["schemas"]["Uuid"];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
            /** @description The status after the create committed (`SUBMITTED`, or later on a replay). */
            status: components["schemas"]["IntentStatus"];
        };
        /** @description The body of a sign-in link request. */
        CreateSignInLinkRequest: {
            /** @description The person who signs in with the link. */
            human_id: string;
            /**
             * Format: int32
             * @description How long the link stays valid, in seconds.
             * @default 900
             */
            ttl_seconds?: number;
        };
        /** @description An opaque pagination cursor. Clients pass it back unchanged. */
        Cursor: string;
        /** @description A delivery that exhausted its attempts. Extension. */
        DeadLetter: {
            /** @description The receiving agent. */
            agent: components["schemas"]["AgentAddress"];
            /**
             * Format: int32
             * @description Attempts made.
             */
            attempts: number;
            /**
             * Format: date-time
             * @description When it was dead-lettered.
             */
            dead_lettered_at: string;
            /** @description The delivery (its id is the dead letter's id). */
            delivery_id: components["schemas"]["Uuid"];
            /** @description The intent, now `FAILED`. */
            intent_id: components["schemas"]["Uuid"];
            /** @description The last attempt's failure. */
            last_error?: string;
            /** @description Why: `max_attempts_exhausted`, `binding_disabled` or `agent_deleted`. */
            reason: string;
            /**
             * Format: date-time
             * @description When it was replayed, if it was.
             */
            replayed_at?: string;
        };
        /** @description The body of approve and reject. */
        DecisionRequest: {
            /** @description A comment; required when the task has `required_comment`. */
            comment?: string;
            /** @description Form fields for the task's `form_schema`. Extension. */
            data?: Record<string, unknown>;
            /** @description Evidence, when the task requires it. Extension. */
            evidence?: unknown;
        };
        /** @description Payload of `internal.delay.v1`: exactly one of `delay_seconds` or `until`. */
        DelayPayload: {
            /**
             * Format: int32
             * @description How long to wait.
             */
            delay_seconds?: number;
            /** @description Sent by the platform, on behalf of the delay's sender, when the delay ends. */
            then?: components["schemas"]["FollowUpIntent"];
            /**
             * Format: date-time
             * @description When to finish.
             */
            until?: string;
        };
        /** @description The body of a delegation. */
        DelegateRequest: {
            /** @description An agent address or a human principal id. */
            delegate_to: string;
            /** @description A note to the delegate. */
            note?: string;
        };
        /** @description The body of a message delete. */
        DeleteMessagesRequest: {
            /**
             * Format: int32
             * @description At most this many.
             */
            limit?: number;
            /** @description The messages; all of the caller's when omitted. */
            message_ids?: components["schemas"]["Uuid"][];
            /**
             * @description `self` hides messages for the caller, `both` deletes them.
             * @enum {string}
             */
            mode: "self" | "both";
        };
        /** @description The record of one intent's delivery to one receiver. Extension: the public API has no delivery object. */
        Delivery: {
            /** @description The receiving agent. */
            agent: components["schemas"]["AgentAddress"];
            /**
             * Format: int32
             * @description The current (or last) attempt, from 1; 0 before the first.
             */
            attempt: number;
            /** @description The binding the delivery goes through. */
            binding: components["schemas"]["DeliveryMode"];
            /**
             * Format: date-time
             * @description When the delivery was created.
             */
            created_at: string;
            /** @description Stable across redeliveries; the `webhook-id` of http deliveries. */
            delivery_id: components["schemas"]["Uuid"];
            /** @description The intent. */
            intent_id: components["schemas"]["Uuid"];
            /** @description The last failure, e.g. `lease_expired`, `http_500`, `timeout`, `connection_refused`. */
            last_error?: string;
            /**
             * Format: date-time
             * @description When the current lease ends (`in_flight`).
             */
            lease_expires_at?: string;
            /**
             * Format: int32
             * @description The attempt after which the intent fails.
             */
            max_attempts: number;
            /**
             * Format: date-time
             * @description When the next attempt is due (`pending`).
             */
            next_attempt_at?: string;
            /** @description The state. */
            state: components["schemas"]["DeliveryState"];
            /**
             * Format: date-time
             * @description When it last changed.
             */
            updated_at: string;
        };
        /**
         * @description The receiver-side delivery binding of an agent.
         * @enum {string}
         */
        DeliveryMode: "stream" | "poll" | "http" | "inbox" | "internal";
        /** @description An agent's delivery binding and policy. Extension: the public API sets only `delivery_mode` and `callback_url`, through scenarios. */
        DeliveryPolicy: {
            /**
             * Format: int64
             * @description How long a delivery stays leased without an ack before it is redelivered, in milliseconds.
             */
            ack_timeout_ms: number;
            /**
             * Format: uri
             * @description Where the platform POSTs deliveries (`http` only).
             */
            callback_url?: string;
            /**
             * Format: date-time
             * @description Set when the platform disabled the binding (e.g. the receiver answered 410). Updating the policy re-enables it.
             */
            disabled_at?: string;
            /** @description Why the binding was disabled. */
            disabled_reason?: string;
            /**
             * Format: int32
             * @description Delivery attempts before the intent fails, unless the intent sets its own.
             */
            max_delivery_attempts: number;
            /** @description The binding. */
            mode: components["schemas"]["DeliveryMode"];
            /** @description Spacing of redeliveries. */
            retry: components["schemas"]["RetryPolicy"];
            /** @description The last four characters of the current webhook secret (`http` only). */
            webhook_secret_hint?: string;
            /**
             * Format: int64
             * @description Timeout of one webhook request, in milliseconds (`http` only).
             */
            webhook_timeout_ms: number;
        };
        /** @description A change to an agent's delivery policy; omitted fields keep their value. */
        DeliveryPolicyUpdate: {
            /**
             * Format: int64
             * @description Lease length in milliseconds, within `limits.ack_timeout`.
             */
            ack_timeout_ms?: number;
            /**
             * Format: uri
             * @description Where the platform POSTs deliveries; required when `mode` is `http`.
             */
            callback_url?: string;
            /**
             * Format: int32
             * @description Within `limits.max_delivery_attempts`.
             */
            max_delivery_attempts?: number;
            /** @description The binding. */
            mode?: components["schemas"]["DeliveryMode"];
            /** @description Retry spacing, within `limits.retry_initial_delay` and `limits.retry_max_delay`. */
            retry?: components["schemas"]["RetryPolicy"];
            /**
             * Format: int64
             * @description Within `limits.webhook_timeout`.
             */
            webhook_timeout_ms?: number;
        };
        /** @description The answer to ack, nack, extend and replay. */
        DeliveryResponse: {
            /** @description The delivery after the operation. */
            delivery: components["schemas"]["Delivery"];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
        };
        /**
         * @description Where a delivery is in its life.
         * @enum {string}
         */
        DeliveryState: "pending" | "in_flight" | "acked" | "dead_lettered";
        /** @description A bound the server enforces on a receiver's delivery policy. */
        DurationBounds: {
            /**
             * Format: int64
             * @description The value used when the agent sets none, in milliseconds.
             */
            default_ms: number;
            /**
             * Format: int64
             * @description Largest accepted value, in milliseconds.
             */
            max_ms: number;
            /**
             * Format: int64
             * @description Smallest accepted value, in milliseconds.
             */
            min_ms: number;
        };
        /**
         * @description The registry of error codes. A code names one failure and keeps its meaning forever: codes
         *     are added, never renamed, reused or removed. Clients must treat an unknown code as the
         *     generic failure of its HTTP status.
         * @enum {string}
         */
        ErrorCode: "invalid_request" | "invalid_json" | "owner_agent_conflict" | "missing_platform_api_key" | "invalid_platform_api_key" | "forbidden" | "sign_in_link_invalid" | "csrf_check_failed" | "not_found" | "agent_not_found" | "intent_not_found" | "delivery_not_found" | "thread_not_found" | "dead_letter_not_found" | "human_not_found" | "approval_not_found" | "key_not_found" | "method_not_allowed" | "not_acceptable" | "request_timeout" | "idempotency_key_reused" | "intent_already_terminal" | "invalid_transition" | "lease_not_held" | "binding_mismatch" | "agent_already_exists" | "thread_already_decided" | "dead_letter_already_replayed" | "payload_too_large" | "unsupported_media_type" | "schema_invalid" | "invalid_agent_address" | "policy_out_of_bounds" | "callback_url_forbidden" | "unsupported_intent_type" | "task_result_invalid" | "scenario_invalid" | "rate_limit_exceeded" | "too_many_streams" | "too_many_waiters" | "internal_error" | "service_unavailable";
        /** @description One error. */
        ErrorDetail: {
            /** @description A code from the error-code registry. */
            code: components["schemas"]["ErrorCode"];
            /** @description Structured context, e.g. `errors` for schema violations or `rule` for task results. */
            details?: Record<string, unknown>;
            /** @description A human-readable explanation. Not stable: match on `code`, never on the message. */
            message: string;
        };
        /** @description The body of every error response. */
        ErrorEnvelope: {
            /** @description The message again, for clients of the public API that read `detail`. */
            detail: string;
            /** @description The error. */
            error: components["schemas"]["ErrorDetail"];
            /**
             * @description Always false on errors.
             * @enum {boolean}
             */
            ok: false;
            /** @description The id of the request, also sent as the `x-request-id` header. */
            request_id: string;
        };
        /** @description Headers sent with every error response. */
        ErrorHeaders: Record<string, unknown>;
        /** @description Payload of `internal.escalation.v1`. */
        EscalationPayload: {
            /** @description Who receives it. */
            escalate_to: components["schemas"]["AgentAddress"];
            /** @description Why. */
            reason?: string;
            /** @description The intent to escalate. */
            target_intent_id: components["schemas"]["Uuid"];
        };
        /** @description The body of a lease extension. */
        ExtendLeaseRequest: {
            /**
             * Format: int64
             * @description New lease length from now, within `limits.ack_timeout`.
             */
            lease_ms: number;
        };
        /** @description An intent to send when a delay ends. */
        FollowUpIntent: {
            /** @description The intent type. */
            intent_type: components["schemas"]["IntentType"];
            /** @description Its payload. */
            payload: Record<string, unknown>;
            /** @description The receiver. */
            to_agent: components["schemas"]["AgentAddress"];
        };
        /** @description Liveness of the server. */
        Health: {
            /** @description True when the server accepts requests. */
            ok: boolean;
            /**
             * @description The AXP protocol version the server implements.
             * @enum {string}
             */
            protocol_version: "axp/1";
            /**
             * @description `ok`, or `shutting_down` while draining.
             * @enum {string}
             */
            status: "ok" | "shutting_down";
        };
        /** @description A person who works inbox threads and human tasks. Extension. */
        Human: {
            /**
             * Format: date-time
             * @description When it was created.
             */
            created_at: string;
            /** @description A display name. */
            display_name: string;
            /** @description E-mail, matched against `human_task.assignees`. */
            email?: string;
            /** @description The principal id. */
            human_id: string;
            /** @description Agents whose inbox this person works. */
            owner_agents: components["schemas"]["AgentAddress"][];
        };
        /** @description A task waiting for the calling person. */
        HumanTaskItem: {
            /**
             * Format: date-time
             * @description When it was assigned.
             */
            assigned_at: string;
            /**
             * Format: date-time
             * @description The deadline.
             */
            due_at?: string;
            /** @description The sender. */
            from_agent?: components["schemas"]["AgentAddress"];
            /** @description The task. */
            human_task: components["schemas"]["HumanTaskSpec"];
            /** @description The intent. */
            intent_id: components["schemas"]["Uuid"];
            /** @description Its type. */
            intent_type: components["schemas"]["IntentType"];
            /** @description Always `WAITING`. */
            status: components["schemas"]["IntentStatus"];
            /** @description The inbox thread. */
            thread_id: components["schemas"]["Uuid"];
        };
        /** @description A task for a person, attached to an intent. */
        HumanTaskSpec: {
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
            task_type?: components["schemas"]["HumanTaskType"];
            /** @description What the person sees first. */
            title: string;
        };
        /**
         * @description The kind of work a human task asks for.
         * @enum {string}
         */
        HumanTaskType: "approval" | "review" | "clarification" | "provide_data" | "attach_file" | "manual_action" | "confirmation" | "validate_real_world" | "validate_output" | "assignment" | "delegation" | "reroute" | "override" | "escalate" | "form";
        /** @description The events of `GET /v1/inbox/changes/stream`. `stream.timeout` ends the response. */
        InboxStreamEvents: components["schemas"]["ThreadChange"] | components["schemas"]["InboxStreamTimeout"];
        /** @description The end of an inbox changes window. */
        InboxStreamTimeout: {
            /** @description The cursor to pass as `cursor` when reconnecting; null when no change was seen yet. */
            next_cursor: components["schemas"]["Cursor"] | null;
        };
        /** @description An intent. */
        Intent: {
            /** @description Why it was canceled, once `CANCELED`. */
            cancel_reason?: string;
            /** @description The correlation id. */
            correlation_id: components["schemas"]["Uuid"];
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
            error?: components["schemas"]["IntentError"];
            /** @description The agent (or role alias) that receives the intent when it escalates. */
            escalate_to?: string;
            /** @description The sending agent, derived from its API key. */
            from_agent: components["schemas"]["AgentAddress"];
            /** @description A task for a person. */
            human_task?: components["schemas"]["HumanTaskSpec"];
            /** @description The intent's id. */
            intent_id: components["schemas"]["Uuid"];
            /** @description The intent type. */
            intent_type: components["schemas"]["IntentType"];
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
            pending_with?: components["schemas"]["PendingWith"];
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
            reply_to?: components["schemas"]["AgentAddress"];
            /** @description The result, once `COMPLETED`. */
            result?: Record<string, unknown>;
            /**
             * Format: int64
             * @description The `seq` of the intent's latest event. Extension.
             */
            seq: number;
            /** @description The current status. */
            status: components["schemas"]["IntentStatus"];
            /** @description The receiving agent. */
            to_agent: components["schemas"]["AgentAddress"];
            /**
             * Format: date-time
             * @description When the intent last changed.
             */
            updated_at: string;
            /** @description Why the intent waits; present exactly when `status` is `WAITING`. */
            waiting_reason?: components["schemas"]["WaitingReason"];
        };
        /** @description The error an intent failed with. */
        IntentError: {
            /** @description A machine-readable code, e.g. `delivery_failed`, `intent_timeout`. */
            code: string;
            /** @description Structured context. */
            details?: Record<string, unknown>;
            /** @description A human-readable message. */
            message?: string;
            /** @description Whether sending the intent again may succeed. */
            retryable?: boolean;
        };
        /** @description One entry of an intent's event log. */
        IntentEvent: {
            /** @description Who caused it: an agent address, a human principal, or `system`. */
            actor: string;
            /**
             * Format: date-time
             * @description When it happened.
             */
            at: string;
            /** @description Event-specific context, e.g. `delivery_attempt`, `escalated_to`, `reminder`. */
            details?: Record<string, unknown>;
            /** @description The error carried by `intent.failed`, `intent.delivery_failed` and `intent.timed_out`. */
            error?: components["schemas"]["IntentError"];
            /** @description What happened. */
            event_type: components["schemas"]["IntentEventType"];
            /** @description The task carried by `intent.human_task_assigned`. */
            human_task?: components["schemas"]["HumanTaskSpec"];
            /** @description The intent. */
            intent_id: components["schemas"]["Uuid"];
            /** @description The result carried by `intent.completed`. */
            result?: Record<string, unknown>;
            /**
             * Format: int64
             * @description Position in the intent's log: 1, 2, 3… with no gaps; totally orders the intent's events.
             */
            seq: number;
            /** @description The intent's status after the event. */
            status: components["schemas"]["IntentStatus"];
            /** @description Present when `status` is `WAITING`. */
            waiting_reason?: components["schemas"]["WaitingReason"];
        };
        /** @description The list of an intent's events. */
        IntentEventList: {
            /** @description Events with `seq` greater than `since`, in `seq` order. */
            events: components["schemas"]["IntentEvent"][];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
        };
        /**
         * @description The type of an intent event.
         * @enum {string}
         */
        IntentEventType: "intent.created" | "intent.submitted" | "intent.delivered" | "intent.acknowledged" | "intent.in_progress" | "intent.waiting" | "intent.human_task_assigned" | "intent.reminder" | "intent.escalated" | "intent.transfer" | "intent.delivery_failed" | "intent.completed" | "intent.failed" | "intent.canceled" | "intent.timed_out";
        /** @description Fields shared by the create request and the intent. */
        IntentFields: {
            /**
             * Format: date-time
             * @description When passed before the intent ends, it becomes `TIMED_OUT`.
             */
            deadline_at?: string;
            /** @description The agent (or role alias) that receives the intent when it escalates. */
            escalate_to?: string;
            /** @description A task for a person. */
            human_task?: components["schemas"]["HumanTaskSpec"];
            /** @description The intent type. */
            intent_type: components["schemas"]["IntentType"];
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
            /**
             * Format: int32
             * @description Seconds after the intent is accepted before the first `intent.reminder`.
             */
            remind_after_seconds?: number;
            /**
             * Format: int32
             * @description Seconds between later reminders.
             */
            remind_interval_seconds?: number;
            /** @description Where a completion thread is delivered when the intent ends. */
            reply_to?: components["schemas"]["AgentAddress"];
            /** @description The receiving agent. */
            to_agent: components["schemas"]["AgentAddress"];
        };
        /** @description A page of intents. */
        IntentList: {
            /** @description Whether another page exists. */
            has_more: boolean;
            /** @description Intents the caller sent or received, newest first. */
            intents: components["schemas"]["Intent"][];
            /** @description Cursor of the next page, or null on the last page. */
            next_cursor: components["schemas"]["Cursor"] | null;
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
        };
        /**
         * @description The status of an intent. `COMPLETED`, `FAILED`, `CANCELED` and `TIMED_OUT` are terminal.
         * @enum {string}
         */
        IntentStatus: "CREATED" | "SUBMITTED" | "DELIVERED" | "ACKNOWLEDGED" | "IN_PROGRESS" | "WAITING" | "COMPLETED" | "FAILED" | "CANCELED" | "TIMED_OUT";
        /**
         * @description The events of `GET /v1/intents/{intent_id}/events/stream`. A terminal intent event
         *     (`intent.completed`, `intent.failed`, `intent.canceled`, `intent.timed_out`,
         *     `intent.delivery_failed`) and `stream.timeout` end the response. They are not marked
         *     `@terminalEvent`: the openapi3 emitter models terminal events as string sentinels and drops
         *     their data schema, and these carry JSON.
         */
        IntentStreamEvents: components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["IntentEvent"] | components["schemas"]["StreamTimeout"];
        /**
         * @description The type of an intent: dot-separated lowercase segments ending in a version, such as
         *     `order.fulfil.v1`.
         */
        IntentType: string;
        /**
         * @description The built-in intent types of the `internal` binding. An agent whose binding is `internal`
         *     accepts only these; the platform handles them itself, durably and at least once.
         * @enum {string}
         */
        InternalIntentType: "internal.delay.v1" | "internal.reminder.v1" | "internal.escalation.v1" | "internal.notification.v1";
        /** @description A newly issued API key. The `token` is shown once and stored only as a hash. */
        IssuedApiKey: {
            /**
             * Format: date-time
             * @description When it was issued.
             */
            created_at: string;
            /** @description The last four characters of the token. */
            hint: string;
            /** @description The key's id. */
            key_id: string;
            /**
             * Format: date-time
             * @description When it was revoked; revoked keys are refused.
             */
            revoked_at?: string;
            /** @description The secret to send as `x-api-key` or `Authorization: Bearer`. */
            token: string;
        };
        /** @description The answer to a key issue. */
        IssuedKeyResponse: {
            /** @description The key, with its token shown once. */
            key: components["schemas"]["IssuedApiKey"];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
        };
        /** @description A JSON object chosen by the application. */
        JsonObject: Record<string, unknown>;
        /** @description A delivery together with its intent, as handed to a receiver. */
        LeasedDelivery: {
            /** @description The receiving agent. */
            agent: components["schemas"]["AgentAddress"];
            /**
             * Format: int32
             * @description The current (or last) attempt, from 1; 0 before the first.
             */
            attempt: number;
            /** @description The binding the delivery goes through. */
            binding: components["schemas"]["DeliveryMode"];
            /**
             * Format: date-time
             * @description When the delivery was created.
             */
            created_at: string;
            /** @description Stable across redeliveries; the `webhook-id` of http deliveries. */
            delivery_id: components["schemas"]["Uuid"];
            /** @description The intent being delivered. */
            intent: components["schemas"]["Intent"];
            /** @description The intent. */
            intent_id: components["schemas"]["Uuid"];
            /** @description The last failure, e.g. `lease_expired`, `http_500`, `timeout`, `connection_refused`. */
            last_error?: string;
            /**
             * Format: date-time
             * @description When the lease ends; ack, nack or extend before then.
             */
            lease_expires_at: string;
            /**
             * Format: int32
             * @description The attempt after which the intent fails.
             */
            max_attempts: number;
            /**
             * Format: date-time
             * @description When the next attempt is due (`pending`).
             */
            next_attempt_at?: string;
            /** @description The state. */
            state: components["schemas"]["DeliveryState"];
            /**
             * Format: date-time
             * @description When it last changed.
             */
            updated_at: string;
        };
        /** @description The limits a server publishes; receivers choose their policy within them. */
        Limits: {
            /** @description How long a delivery may stay leased without an ack before it is redelivered. */
            ack_timeout: components["schemas"]["DurationBounds"];
            /**
             * Format: int64
             * @description How long `Idempotency-Key`s are remembered, in seconds (at least 86400).
             */
            idempotency_retention_seconds: number;
            /** @description The accepted range and default of `max_delivery_attempts`. */
            max_delivery_attempts: {
                /**
                 * Format: int32
                 * @description The value used when neither the intent nor the agent sets one.
                 */
                default: number;
                /**
                 * Format: int32
                 * @description Largest accepted value.
                 */
                max: number;
                /**
                 * Format: int32
                 * @description Smallest accepted value.
                 */
                min: number;
            };
            /**
             * Format: int32
             * @description The most deliveries one agent holds in flight (handed over, not yet acked) at once; further due deliveries stay `pending` without consuming attempts.
             */
            max_in_flight_per_agent: number;
            /**
             * Format: int32
             * @description The deepest nesting of arrays and objects a JSON request body may have (`{}` is depth 1); deeper bodies are answered 400 `invalid_json`.
             */
            max_json_depth: number;
            /**
             * Format: int64
             * @description Largest accepted intent `payload`, in bytes of JSON (131072 = 128 KiB).
             */
            max_payload_bytes: number;
            /**
             * Format: int32
             * @description The most deliveries one long-poll may lease.
             */
            max_poll_batch: number;
            /**
             * Format: int64
             * @description Largest accepted request body, in bytes.
             */
            max_request_bytes: number;
            /**
             * Format: int32
             * @description Event streams one key may hold open at once.
             */
            max_streams_per_key: number;
            /**
             * Format: int32
             * @description The largest `wait_seconds` of an SSE window or long-poll.
             */
            max_wait_seconds: number;
            /**
             * Format: int32
             * @description Requests a key may make per minute.
             */
            rate_limit_per_minute: number;
            /** @description The first retry delay after a failed or expired attempt. */
            retry_initial_delay: components["schemas"]["DurationBounds"];
            /** @description The cap on the retry delay as it grows. */
            retry_max_delay: components["schemas"]["DurationBounds"];
            /** @description Timeout of one webhook request (`http` binding). */
            webhook_timeout: components["schemas"]["DurationBounds"];
        };
        /** @description The body of a nack. */
        NackRequest: {
            /**
             * Format: int64
             * @description Redeliver no sooner than this (at most `limits.retry_max_delay.max_ms`); the retry policy's next delay when omitted.
             */
            delay_ms?: number;
            /** @description Why, recorded as the delivery's `last_error`. */
            reason?: string;
        };
        /** @description Payload of `internal.notification.v1`. */
        NotificationPayload: {
            /** @description The text. */
            body?: string;
            /** @description The inbox owner to notify. */
            recipient: components["schemas"]["AgentAddress"];
            /** @description A subject line. */
            subject: string;
        };
        /** @description The paging fields of a cursor-paginated list response. */
        PageInfo: {
            /** @description Whether another page exists. */
            has_more: boolean;
            /** @description Cursor of the next page, or null on the last page. */
            next_cursor: components["schemas"]["Cursor"] | null;
        };
        /** @description Who currently holds an intent. */
        PendingWith: {
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
        /** @description The body of a long-poll. */
        PollRequest: {
            /**
             * Format: int64
             * @description Lease length for these deliveries; the agent's `ack_timeout_ms` when omitted.
             */
            lease_ms?: number;
            /**
             * Format: int32
             * @description The most deliveries to lease.
             * @default 10
             */
            max?: number;
            /**
             * Format: int32
             * @description How long to wait for a first delivery before answering with none.
             * @default 20
             */
            wait_seconds?: number;
        };
        /** @description The answer to a long-poll. */
        PollResponse: {
            /** @description Leased deliveries, oldest first; empty when none arrived in time. */
            deliveries: components["schemas"]["LeasedDelivery"][];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
        };
        /** @description Payload of `internal.reminder.v1`. */
        ReminderPayload: {
            /** @description The reminder text. */
            message: string;
            /**
             * Format: date-time
             * @description When to remind; at once when omitted.
             */
            remind_at?: string;
            /** @description The intent to remind about. */
            target_intent_id: components["schemas"]["Uuid"];
        };
        /** @description The body of a reply. */
        ReplyRequest: {
            /** @description The text. */
            message: string;
        };
        /** @description Who resolved an intent and the outcome. */
        ResolveIntentRequest: {
            /** @description Who resolved it, for the event log. */
            actor?: string;
            /** @description The error; required with `FAILED`. */
            error?: components["schemas"]["IntentError"];
            /**
             * Format: int64
             * @description Accepted for compatibility; ignored.
             */
            expected_policy_generation?: number;
            /** @description Why; required with `CANCELED`. */
            reason?: string;
            /** @description The result; required with `COMPLETED`. */
            result?: Record<string, unknown>;
            /** @description The terminal status. */
            status: "COMPLETED" | "FAILED" | "CANCELED";
        };
        /** @description The answer to a resolve. */
        ResolveIntentResponse: {
            /** @description The completion thread written to `reply_to`. */
            completion_delivery: components["schemas"]["CompletionDelivery"];
            /** @description The terminal event. */
            event: components["schemas"]["IntentEvent"];
            /** @description The intent after the resolve. */
            intent: components["schemas"]["Intent"];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
        };
        /**
         * @description The body of `resume`. Three dialects are accepted: the receiver's step result (`action`
         *     or `outcome`, with `result` / `error`), a person's `task_result`, and the control form
         *     (`approve_current_step`). Unknown fields are kept as the result of a `complete`.
         */
        ResumeIntentRequest: {
            /**
             * @description What the receiver reports: done, failed, working on it, or waiting.
             * @enum {string}
             */
            action?: "complete" | "fail" | "progress" | "wait";
            /** @description Who resumed it, for the event log. */
            actor?: string;
            /** @description Control form: advance the current step. */
            approve_current_step?: boolean;
            /** @description The error of a `fail`. */
            error?: components["schemas"]["IntentError"];
            /**
             * Format: int64
             * @description Accepted for compatibility; ignored.
             */
            expected_policy_generation?: number;
            /** @description Accepted for compatibility; only the platform may set it. */
            internal_scheduler?: boolean;
            /** @description `success` is the same as `action: "complete"`; `failure` as `fail`. */
            outcome?: string;
            /** @description Free text for the event log. */
            reason?: string;
            /** @description The result of a `complete`. */
            result?: Record<string, unknown>;
            /** @description A person's answer to the intent's human task. */
            task_result?: components["schemas"]["TaskResult"];
            /** @description The reason of a `wait`. */
            waiting_reason?: components["schemas"]["WaitingReason"];
        };
        /** @description The answer to a resume. */
        ResumeIntentResponse: {
            /** @description Whether the resume changed the intent. */
            applied: boolean;
            /** @description The event the resume appended, when it appended one. */
            event?: components["schemas"]["IntentEvent"];
            /** @description The intent after the resume. */
            intent: components["schemas"]["Intent"];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
        };
        /** @description How retries are spaced: `initial_delay_ms × multiplier^(attempt−1)`, capped at `max_delay_ms`, with random jitter. */
        RetryPolicy: {
            /**
             * Format: int64
             * @description Delay before the first retry, in milliseconds.
             */
            initial_delay_ms: number;
            /**
             * Format: double
             * @description Fraction of each delay that is randomised (0 = none, 1 = "full jitter").
             */
            jitter: number;
            /**
             * Format: int64
             * @description Cap on the delay, in milliseconds.
             */
            max_delay_ms: number;
            /**
             * Format: double
             * @description Growth factor per attempt.
             */
            multiplier: number;
        };
        /** @description The answer to a key revoke. */
        RevokedKeyResponse: {
            /** @description The revoked key. */
            key: components["schemas"]["ApiKey"];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
        };
        /** @description The answer to a secret rotation. */
        RotatedSecretResponse: {
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
            /**
             * Format: date-time
             * @description Until when deliveries are also signed with the previous secret.
             */
            previous_secret_valid_until: string;
            /** @description The new `whsec_…` secret, shown once. */
            webhook_secret: string;
        };
        /** @description An agent taking part in a scenario. */
        ScenarioAgent: {
            /** @description A short name (in the caller's workspace) or an `agent://` address. */
            address: components["schemas"]["AgentAddress"];
            /**
             * Format: uri
             * @description Its webhook URL (`http`).
             */
            callback_url?: string;
            /**
             * @description Create the agent (and its key) when it does not exist.
             * @default false
             */
            create_if_missing?: boolean;
            /** @description Its binding. */
            delivery_mode?: components["schemas"]["DeliveryMode"];
            /** @description A display name. */
            display_name?: string;
            /** @description The role name steps refer to. */
            role: string;
        };
        /** @description A scenario bundle (`scenario.json`): agents, people, a workflow and the intent that starts it. */
        ScenarioBundle: {
            /** @description Agents. */
            agents?: components["schemas"]["ScenarioAgent"][];
            /** @description A description. */
            description?: string;
            /** @description People. */
            humans?: components["schemas"]["ScenarioHuman"][];
            /** @description Makes `apply` safe to retry. */
            idempotency_key?: string;
            /** @description The intent that starts the scenario. */
            intent: components["schemas"]["ScenarioIntent"];
            /** @description The scenario id. */
            scenario_id: string;
            /** @description A title. */
            title?: string;
            /** @description The workflow. */
            workflow?: components["schemas"]["Workflow"];
        };
        /** @description A person taking part in a scenario. */
        ScenarioHuman: {
            /** @description An e-mail address or human principal id. */
            contact?: string;
            /** @description A display name. */
            display_name?: string;
            /** @description The role name steps refer to. */
            role: string;
        };
        /** @description The intent a scenario starts. */
        ScenarioIntent: {
            /**
             * Format: date-time
             * @description Its deadline.
             */
            deadline_at?: string;
            /** @description Escalation target. */
            escalate_to?: string;
            /** @description A task for a person. */
            human_task?: components["schemas"]["HumanTaskSpec"];
            /**
             * Format: int32
             * @description Delivery attempts.
             * @default 3
             */
            max_delivery_attempts?: number;
            /**
             * Format: int32
             * @description Reminders at most.
             */
            max_reminders?: number;
            /** @description Its payload. */
            payload?: Record<string, unknown>;
            /**
             * Format: int32
             * @description Seconds before the first reminder.
             */
            remind_after_seconds?: number;
            /**
             * Format: int32
             * @description Seconds between reminders.
             */
            remind_interval_seconds?: number;
            /** @description Where the completion goes; `initiator_inbox` means the caller's own inbox. */
            reply_to?: string;
            /** @description The intent type. */
            type: string;
        };
        /** @description One problem found by `validate`. */
        ScenarioIssue: {
            /** @description What is wrong. */
            message: string;
            /** @description A JSON pointer into the bundle. */
            path: string;
        };
        /** @description A single-use sign-in link for the inbox web page. */
        SignInLink: {
            /**
             * Format: date-time
             * @description When the link stops working, used or not.
             */
            expires_at: string;
            /** @description The person it signs in. */
            human_id: string;
            /** @description The secret alone, for clients that build their own URL. Shown once. */
            token: string;
            /**
             * Format: uri
             * @description The page to open: the inbox web page with the secret in its fragment, which browsers never send to a server.
             */
            url: string;
        };
        /** @description Retry policy of a step. */
        StepRetry: {
            /**
             * Format: int32
             * @description Retries after the first failure.
             * @default 0
             */
            max_retries?: number;
            /**
             * Format: int32
             * @description Seconds between retries.
             * @default 30
             */
            retry_delay_seconds?: number;
        };
        /**
         * @description The built-in runtime of an internal step.
         * @enum {string}
         */
        StepRuntimeType: "human_approval" | "timeout" | "reminder" | "delay" | "escalation" | "notification";
        /** @description Data of the `stream.timeout` event that ends every SSE window. */
        StreamTimeout: {
            /**
             * Format: int64
             * @description The cursor to pass as `since` when reconnecting.
             */
            next_seq: number;
        };
        /** @description A person's answer to a human task, sent with `resume`. */
        TaskResult: {
            /** @description A comment; required when the task has `required_comment`. */
            comment?: string;
            /** @description Form fields, validated against the task's `form_schema`. Fields may also be given at the top level of `task_result`. */
            data?: Record<string, unknown>;
            /** @description Evidence (links, upload ids, text); required non-empty when the task has `evidence_required`. */
            evidence?: unknown;
            /** @description One of the task's `allowed_outcomes`. */
            outcome: string;
        };
        /** @description An inbox thread: an intent for people to work, or a completion written to a `reply_to`. */
        Thread: {
            /** @description The approval id to decide with `/v1/approvals/{approval_id}/decision`. */
            approval_id?: components["schemas"]["Uuid"];
            /**
             * Format: date-time
             * @description When it was created.
             */
            created_at: string;
            /**
             * Format: date-time
             * @description The intent's deadline.
             */
            deadline_at?: string;
            /**
             * @description `approved` or `rejected` once decided.
             * @enum {string}
             */
            decision?: "approved" | "rejected";
            /** @description The intent's sender. */
            from_agent: components["schemas"]["AgentAddress"];
            /** @description The human task, if the intent has one. */
            human_task?: components["schemas"]["HumanTaskSpec"];
            /** @description The intent. */
            intent_id: components["schemas"]["Uuid"];
            /** @description The intent type. */
            intent_type: components["schemas"]["IntentType"];
            /**
             * @description `task` for an intent to an inbox-bound agent, `completion` for a `reply_to` completion, `notification` for `internal.notification.v1`.
             * @enum {string}
             */
            kind: "task" | "completion" | "notification";
            /** @description Messages, oldest first. */
            messages: components["schemas"]["ThreadMessage"][];
            /** @description The agent whose inbox holds it. */
            owner_agent: components["schemas"]["AgentAddress"];
            /** @description The intent's payload. */
            payload: Record<string, unknown>;
            /**
             * Format: date-time
             * @description When the caller last marked it read.
             */
            read_at?: string;
            /**
             * Format: int32
             * @description Reminders so far.
             */
            remind_count: number;
            /** @description Where the thread is. */
            status: components["schemas"]["ThreadStatus"];
            /** @description A subject line. */
            subject: string;
            /** @description The thread id; equals the intent id for completion threads. */
            thread_id: components["schemas"]["Uuid"];
            /** @description What happened, oldest first. */
            timeline: components["schemas"]["ThreadTimelineEntry"][];
            /** @description The intent's receiver. */
            to_agent: components["schemas"]["AgentAddress"];
            /**
             * Format: date-time
             * @description When it last changed.
             */
            updated_at: string;
        };
        /** @description One entry of the changes feed. */
        ThreadChange: {
            /** @description This entry's cursor. */
            cursor: components["schemas"]["Cursor"];
            /** @description The thread as it is now. */
            thread: components["schemas"]["Thread"];
        };
        /** @description Threads per status. */
        ThreadCounts: {
            /**
             * Format: int32
             * @description Threads someone replied to or delegated.
             */
            active: number;
            /**
             * Format: int32
             * @description Decided or completed threads.
             */
            done: number;
            /**
             * Format: int32
             * @description Threads nobody acted on.
             */
            pending: number;
        };
        /** @description One message in a thread. */
        ThreadMessage: {
            /**
             * Format: date-time
             * @description When it was written.
             */
            at: string;
            /** @description Who wrote it. */
            author: string;
            /** @description The message id. */
            message_id: components["schemas"]["Uuid"];
            /** @description `sender`, `human`, `agent` or `system`. */
            role: string;
            /** @description The text. */
            text: string;
        };
        /** @description One thread. */
        ThreadResponse: {
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
            /** @description The thread. */
            thread: components["schemas"]["Thread"];
        };
        /**
         * @description Where a thread is: `pending` (nobody acted), `active` (someone replied or it was delegated), `done` (decided or completed).
         * @enum {string}
         */
        ThreadStatus: "pending" | "active" | "done";
        /** @description One entry of a thread's timeline. */
        ThreadTimelineEntry: {
            /** @description Who did it. */
            actor: string;
            /**
             * Format: date-time
             * @description When.
             */
            at: string;
            /** @description Context. */
            details?: Record<string, unknown>;
            /** @description The entry id. */
            event_id: string;
            /** @description What happened, e.g. `intent_received`, `reply`, `approved`, `rejected`, `delegated`, `reminder`, `escalated`, `completed`. */
            event_type: string;
        };
        /**
         * Format: uuid
         * @description A UUID in its canonical lowercase text form.
         */
        Uuid: string;
        /** @description The answer to `validate`. */
        ValidateScenarioResponse: {
            /** @description Problems that make it invalid. */
            errors: components["schemas"]["ScenarioIssue"][];
            /**
             * @description Always true.
             * @enum {boolean}
             */
            ok: true;
            /** @description Whether `apply` would accept the bundle. */
            valid: boolean;
            /** @description Problems that do not. */
            warnings: components["schemas"]["ScenarioIssue"][];
        };
        /**
         * @description The released versions of the AXP API.
         * @enum {string}
         */
        Versions: "v1";
        /**
         * @description Why an intent is `WAITING`.
         * @enum {string}
         */
        WaitingReason: "WAITING_FOR_HUMAN" | "WAITING_FOR_TOOL" | "WAITING_FOR_AGENT" | "WAITING_FOR_TIME";
        /** @description One webhook attempt. Extension. */
        WebhookAttempt: {
            /**
             * Format: int32
             * @description The attempt number.
             */
            attempt: number;
            /** @description The delivery. */
            delivery_id: components["schemas"]["Uuid"];
            /**
             * Format: double
             * @description How long until the response (or failure), in milliseconds.
             */
            duration_ms: number;
            /** @description The failure without a response: `timeout`, `connection_refused`, `connection_reset`, `dns`, `forbidden_address`… */
            error?: string;
            /** @description What the attempt led to. */
            outcome: components["schemas"]["WebhookAttemptOutcome"];
            /**
             * Format: int64
             * @description The `Retry-After` the receiver asked for, in milliseconds.
             */
            retry_after_ms?: number;
            /**
             * Format: date-time
             * @description When the request started.
             */
            started_at: string;
            /**
             * Format: int32
             * @description The response status, when a response came.
             */
            status_code?: number;
        };
        /**
         * @description What a webhook attempt led to.
         * @enum {string}
         */
        WebhookAttemptOutcome: "acked" | "retry" | "gone" | "exhausted";
        /** @description The JSON body the platform POSTs to an `http` agent's `callback_url`. Extension: the public API documents only `intent_id`. */
        WebhookDelivery: {
            /** @description The receiving agent. */
            agent: components["schemas"]["AgentAddress"];
            /**
             * Format: int32
             * @description This attempt, from 1.
             */
            attempt: number;
            /** @description The delivery; equals the `webhook-id` header and stays the same across retries. */
            delivery_id: components["schemas"]["Uuid"];
            /** @description The intent. */
            intent: components["schemas"]["Intent"];
            /** @description The intent's id, at the top level as in the public API. */
            intent_id: components["schemas"]["Uuid"];
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
        /** @description The workflow of a scenario. */
        Workflow: {
            /** @description The first step; the first in `steps` when omitted. */
            entry_step?: string;
            /** @description A macro template id. */
            macro_id?: string;
            /** @description Macro parameters. */
            parameters?: Record<string, unknown>;
            /** @description The steps. */
            steps?: components["schemas"]["WorkflowStep"][];
        };
        /** @description One step of a workflow. */
        WorkflowStep: {
            /** @description A role or address; internal when omitted. */
            assigned_to?: string;
            /** @description Escalation target (role or address). */
            escalate_to?: string;
            /** @description A task for a person. */
            human_task?: components["schemas"]["HumanTaskSpec"];
            /** @description Input to the step. */
            input?: Record<string, unknown>;
            /**
             * Format: int32
             * @description Reminders at most.
             */
            max_reminders?: number;
            /** @description Next step on failure; the workflow fails when omitted. */
            on_failure?: string;
            /** @description Next step on success; the workflow ends when omitted. */
            on_success?: string;
            /**
             * Format: int32
             * @description Seconds before the first reminder.
             */
            remind_after_seconds?: number;
            /**
             * Format: int32
             * @description Seconds between reminders.
             */
            remind_interval_seconds?: number;
            /** @description Whether a person must sign off. */
            requires_approval?: boolean;
            /** @description Retries. */
            retry?: components["schemas"]["StepRetry"];
            /** @description Its configuration. */
            runtime_config?: Record<string, unknown>;
            /** @description The built-in runtime for internal steps. */
            runtime_type?: components["schemas"]["StepRuntimeType"];
            /**
             * Format: int32
             * @description Step deadline.
             */
            step_deadline_seconds?: number;
            /** @description The step id, unique in the workflow. */
            step_id: string;
            /** @description The tool, e.g. `tool.agent.task.v1`, `tool.approval.human_signoff`, `tool.internal.delay`. */
            tool_id?: string;
        };
    };
    responses: never;
    parameters: {
        /** @description The agent address. */
        AddressPath: string;
        /** @description Only threads whose intent type or sender contains this text (case-insensitive). Extension. */
        InboxSearch: string;
        /** @description The `attempt` of the delivery as the caller received it. */
        LeaseAttempt: number;
        /** @description The agent to act for. */
        "OwnerScope.owner_agent": components["schemas"]["AgentAddress"];
        /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
        "OwnerScope.xOwnerAgent": components["schemas"]["AgentAddress"];
        /** @description The `next_cursor` of the previous page; omit for the first page. */
        "PageQuery.cursor": components["schemas"]["Cursor"];
        /** @description Page size. */
        "PageQuery.limit": number;
        /** @description Reconnection cursor sent by EventSource clients; used when greater than `since`. */
        "StreamWindow.lastEventId": string;
        /** @description Exclusive cursor: only entries with a greater `seq` are sent. */
        "StreamWindow.since": number;
        /** @description How long the window stays open without new entries before `stream.timeout`. */
        "StreamWindow.wait_seconds": number;
        /** @description Makes the write safe to retry: the same key with the same body returns the original answer; with a different body, 409 `idempotency_key_reused`. Kept at least 24 hours. */
        "WriteHeaders.idempotencyKey": string;
        /** @description A trace id propagated to logs and to the receiver. */
        "WriteHeaders.traceId": string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    HealthOperations_health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Agents_list: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["PageQuery.cursor"];
                /** @description Page size. */
                limit?: components["parameters"]["PageQuery.limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentList"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Agents_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAgentRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateAgentResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Agents_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Agents_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The deleted agent. */
                        address: components["schemas"]["AgentAddress"];
                        /**
                         * Format: date-time
                         * @description When it was deleted.
                         */
                        deleted_at: string;
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    DeadLetters_list: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["PageQuery.cursor"];
                /** @description Page size. */
                limit?: components["parameters"]["PageQuery.limit"];
            };
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Dead letters. */
                        dead_letters: components["schemas"]["DeadLetter"][];
                        /** @description Whether another page exists. */
                        has_more: boolean;
                        /** @description Cursor of the next page, or null on the last page. */
                        next_cursor: components["schemas"]["Cursor"] | null;
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    DeadLetters_replay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
                /** @description The delivery's id. */
                delivery_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Deliveries_list: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["PageQuery.cursor"];
                /** @description Page size. */
                limit?: components["parameters"]["PageQuery.limit"];
                /** @description Only deliveries in this state. */
                state?: components["schemas"]["DeliveryState"];
            };
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Deliveries, newest first. */
                        deliveries: components["schemas"]["Delivery"][];
                        /** @description Whether another page exists. */
                        has_more: boolean;
                        /** @description Cursor of the next page, or null on the last page. */
                        next_cursor: components["schemas"]["Cursor"] | null;
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Deliveries_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
                /** @description The delivery's id. */
                delivery_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Deliveries_ack: {
        parameters: {
            query?: {
                /** @description The `attempt` of the delivery as the caller received it. */
                attempt?: components["parameters"]["LeaseAttempt"];
            };
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
                /** @description The delivery's id. */
                delivery_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Deliveries_listAttempts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
                /** @description The delivery's id. */
                delivery_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Every attempt made. */
                        attempts: components["schemas"]["WebhookAttempt"][];
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Deliveries_extendLease: {
        parameters: {
            query?: {
                /** @description The `attempt` of the delivery as the caller received it. */
                attempt?: components["parameters"]["LeaseAttempt"];
            };
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
                /** @description The delivery's id. */
                delivery_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExtendLeaseRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Deliveries_nack: {
        parameters: {
            query?: {
                /** @description The `attempt` of the delivery as the caller received it. */
                attempt?: components["parameters"]["LeaseAttempt"];
            };
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
                /** @description The delivery's id. */
                delivery_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NackRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Deliveries_poll: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PollRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PollResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Agents_getDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The binding and policy. */
                        delivery: components["schemas"]["DeliveryPolicy"];
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Agents_updateDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeliveryPolicyUpdate"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The binding and policy after the change. */
                        delivery: components["schemas"]["DeliveryPolicy"];
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                        /** @description A new `whsec_…` secret, shown once, when this change made the binding `http` for the first time. */
                        webhook_secret?: string;
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Agents_rotateSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedSecretResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    AgentStream_stream: {
        parameters: {
            query?: {
                /** @description Exclusive cursor: only entries with a greater `seq` are sent. */
                since?: components["parameters"]["StreamWindow.since"];
                /** @description Only deliveries of intents in these statuses (comma-separated); terminal intents are never delivered. */
                status?: string;
                /** @description How long the window stays open without new entries before `stream.timeout`. */
                wait_seconds?: components["parameters"]["StreamWindow.wait_seconds"];
            };
            header?: {
                /** @description Reconnection cursor sent by EventSource clients; used when greater than `since`. */
                "Last-Event-ID"?: components["parameters"]["StreamWindow.lastEventId"];
            };
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 406 Not Acceptable. */
            406: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Agents_listKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The keys. */
                        keys: components["schemas"]["ApiKey"][];
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Agents_createKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedKeyResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Agents_revokeKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The agent address. */
                address: components["parameters"]["AddressPath"];
                /** @description The key's id. */
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokedKeyResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Approvals_decide: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the write safe to retry: the same key with the same body returns the original answer; with a different body, 409 `idempotency_key_reused`. Kept at least 24 hours. */
                "Idempotency-Key"?: components["parameters"]["WriteHeaders.idempotencyKey"];
                /** @description A trace id propagated to logs and to the receiver. */
                "X-Trace-Id"?: components["parameters"]["WriteHeaders.traceId"];
            };
            path: {
                /** @description The approval's id. */
                approval_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApprovalDecisionRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The decided approval. */
                        approval: components["schemas"]["Approval"];
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    HealthOperations_capabilities: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Capabilities"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    HealthOperations_healthV1: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Humans_list: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["PageQuery.cursor"];
                /** @description Page size. */
                limit?: components["parameters"]["PageQuery.limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether another page exists. */
                        has_more: boolean;
                        /** @description The people. */
                        humans: components["schemas"]["Human"][];
                        /** @description Cursor of the next page, or null on the last page. */
                        next_cursor: components["schemas"]["Cursor"] | null;
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Humans_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateHumanRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateHumanResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Humans_createKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The human principal's id. */
                human_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedKeyResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Humans_revokeKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The human principal's id. */
                human_id: string;
                /** @description The key's id. */
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevokedKeyResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Inbox_list: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["PageQuery.cursor"];
                /** @description Page size. */
                limit?: components["parameters"]["PageQuery.limit"];
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
                /** @description Only threads whose intent type or sender contains this text (case-insensitive). Extension. */
                q?: components["parameters"]["InboxSearch"];
                /** @description Only threads in this status. */
                status?: components["schemas"]["ThreadStatus"];
            };
            header?: {
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether another page exists. */
                        has_more: boolean;
                        /** @description Cursor of the next page, or null on the last page. */
                        next_cursor: components["schemas"]["Cursor"] | null;
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                        /** @description Threads. */
                        threads: components["schemas"]["Thread"][];
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Inbox_get: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
            };
            header?: {
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
            };
            path: {
                /** @description The thread's id. */
                thread_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Inbox_approve: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
            };
            header?: {
                /** @description Makes the write safe to retry: the same key with the same body returns the original answer; with a different body, 409 `idempotency_key_reused`. Kept at least 24 hours. */
                "Idempotency-Key"?: components["parameters"]["WriteHeaders.idempotencyKey"];
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
                /** @description A trace id propagated to logs and to the receiver. */
                "X-Trace-Id"?: components["parameters"]["WriteHeaders.traceId"];
            };
            path: {
                /** @description The thread's id. */
                thread_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Inbox_delegate: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
            };
            header?: {
                /** @description Makes the write safe to retry: the same key with the same body returns the original answer; with a different body, 409 `idempotency_key_reused`. Kept at least 24 hours. */
                "Idempotency-Key"?: components["parameters"]["WriteHeaders.idempotencyKey"];
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
                /** @description A trace id propagated to logs and to the receiver. */
                "X-Trace-Id"?: components["parameters"]["WriteHeaders.traceId"];
            };
            path: {
                /** @description The thread's id. */
                thread_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DelegateRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Inbox_deleteMessages: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
            };
            header?: {
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
            };
            path: {
                /** @description The thread's id. */
                thread_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteMessagesRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: int32
                         * @description How many messages were deleted.
                         */
                        deleted_count: number;
                        /** @description Which. */
                        message_ids: components["schemas"]["Uuid"][];
                        /**
                         * @description The mode used.
                         * @enum {string}
                         */
                        mode: "self" | "both";
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                        /** @description The thread after the delete. */
                        thread: components["schemas"]["Thread"];
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Inbox_markRead: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
            };
            header?: {
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
            };
            path: {
                /** @description The thread's id. */
                thread_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Inbox_reject: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
            };
            header?: {
                /** @description Makes the write safe to retry: the same key with the same body returns the original answer; with a different body, 409 `idempotency_key_reused`. Kept at least 24 hours. */
                "Idempotency-Key"?: components["parameters"]["WriteHeaders.idempotencyKey"];
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
                /** @description A trace id propagated to logs and to the receiver. */
                "X-Trace-Id"?: components["parameters"]["WriteHeaders.traceId"];
            };
            path: {
                /** @description The thread's id. */
                thread_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Inbox_reply: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
            };
            header?: {
                /** @description Makes the write safe to retry: the same key with the same body returns the original answer; with a different body, 409 `idempotency_key_reused`. Kept at least 24 hours. */
                "Idempotency-Key"?: components["parameters"]["WriteHeaders.idempotencyKey"];
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
                /** @description A trace id propagated to logs and to the receiver. */
                "X-Trace-Id"?: components["parameters"]["WriteHeaders.traceId"];
            };
            path: {
                /** @description The thread's id. */
                thread_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplyRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThreadResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Inbox_changes: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["PageQuery.cursor"];
                /** @description Page size. */
                limit?: components["parameters"]["PageQuery.limit"];
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
            };
            header?: {
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Changes. */
                        changes: components["schemas"]["ThreadChange"][];
                        /** @description Whether another page exists. */
                        has_more: boolean;
                        /** @description Cursor of the next page, or null on the last page. */
                        next_cursor: components["schemas"]["Cursor"] | null;
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Inbox_streamChanges: {
        parameters: {
            query?: {
                /** @description Exclusive cursor: only changes after it are sent; omit to start at the oldest. */
                cursor?: components["schemas"]["Cursor"];
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
                /** @description Start at the end of the feed: only changes committed after the window opens. Ignored with `cursor` or `Last-Event-ID`. */
                tail?: boolean;
                /** @description How long the window stays open without new changes before `stream.timeout`. */
                wait_seconds?: number;
            };
            header?: {
                /** @description Reconnection cursor sent by EventSource clients; used instead of `cursor` when present. */
                "Last-Event-ID"?: string;
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 406 Not Acceptable. */
            406: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Inbox_counts: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
                /** @description Only threads whose intent type or sender contains this text (case-insensitive). Extension. */
                q?: components["parameters"]["InboxSearch"];
            };
            header?: {
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Threads per status. */
                        counts: components["schemas"]["ThreadCounts"];
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Inbox_createSignInLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSignInLinkRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded and a new resource has been created as a result. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The link. */
                        link: components["schemas"]["SignInLink"];
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Intents_list: {
        parameters: {
            query?: {
                /** @description Only intents of this workflow. */
                correlation_id?: components["schemas"]["Uuid"];
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["PageQuery.cursor"];
                /** @description Only intents sent by this agent. */
                from_agent?: components["schemas"]["AgentAddress"];
                /** @description Only intents of this type. */
                intent_type?: components["schemas"]["IntentType"];
                /** @description Page size. */
                limit?: components["parameters"]["PageQuery.limit"];
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
                /** @description Only intents in these statuses (comma-separated). */
                status?: string;
                /** @description Only intents sent to this agent. */
                to_agent?: components["schemas"]["AgentAddress"];
            };
            header?: {
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntentList"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Intents_create: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
            };
            header?: {
                /** @description Makes the write safe to retry: the same key with the same body returns the original answer; with a different body, 409 `idempotency_key_reused`. Kept at least 24 hours. */
                "Idempotency-Key"?: components["parameters"]["WriteHeaders.idempotencyKey"];
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
                /** @description A trace id propagated to logs and to the receiver. */
                "X-Trace-Id"?: components["parameters"]["WriteHeaders.traceId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateIntentRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateIntentResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Intents_get: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
            };
            header?: {
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
            };
            path: {
                /** @description The intent's id. */
                intent_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The intent. */
                        intent: components["schemas"]["Intent"];
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Intents_listEvents: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
                /** @description Exclusive cursor: only events with `seq` greater than this. */
                since?: number;
            };
            header?: {
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
            };
            path: {
                /** @description The intent's id. */
                intent_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntentEventList"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Intents_streamEvents: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
                /** @description Exclusive cursor: only entries with a greater `seq` are sent. */
                since?: components["parameters"]["StreamWindow.since"];
                /** @description How long the window stays open without new entries before `stream.timeout`. */
                wait_seconds?: components["parameters"]["StreamWindow.wait_seconds"];
            };
            header?: {
                /** @description Reconnection cursor sent by EventSource clients; used when greater than `since`. */
                "Last-Event-ID"?: components["parameters"]["StreamWindow.lastEventId"];
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
            };
            path: {
                /** @description The intent's id. */
                intent_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 406 Not Acceptable. */
            406: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Intents_resolve: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
            };
            header?: {
                /** @description Makes the write safe to retry: the same key with the same body returns the original answer; with a different body, 409 `idempotency_key_reused`. Kept at least 24 hours. */
                "Idempotency-Key"?: components["parameters"]["WriteHeaders.idempotencyKey"];
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
                /** @description A trace id propagated to logs and to the receiver. */
                "X-Trace-Id"?: components["parameters"]["WriteHeaders.traceId"];
            };
            path: {
                /** @description The intent's id. */
                intent_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResolveIntentRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResolveIntentResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Intents_resume: {
        parameters: {
            query?: {
                /** @description The agent to act for. */
                owner_agent?: components["parameters"]["OwnerScope.owner_agent"];
            };
            header?: {
                /** @description Makes the write safe to retry: the same key with the same body returns the original answer; with a different body, 409 `idempotency_key_reused`. Kept at least 24 hours. */
                "Idempotency-Key"?: components["parameters"]["WriteHeaders.idempotencyKey"];
                /** @description The agent to act for. Must equal `owner_agent` when both are sent. */
                "x-owner-agent"?: components["parameters"]["OwnerScope.xOwnerAgent"];
                /** @description A trace id propagated to logs and to the receiver. */
                "X-Trace-Id"?: components["parameters"]["WriteHeaders.traceId"];
            };
            path: {
                /** @description The intent's id. */
                intent_id: components["schemas"]["Uuid"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResumeIntentRequest"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResumeIntentResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    MyTasks_list: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous page; omit for the first page. */
                cursor?: components["parameters"]["PageQuery.cursor"];
                /** @description Page size. */
                limit?: components["parameters"]["PageQuery.limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether another page exists. */
                        has_more: boolean;
                        /** @description Cursor of the next page, or null on the last page. */
                        next_cursor: components["schemas"]["Cursor"] | null;
                        /**
                         * @description Always true.
                         * @enum {boolean}
                         */
                        ok: true;
                        /** @description Tasks, oldest first. */
                        tasks: components["schemas"]["HumanTaskItem"][];
                    };
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Scenarios_apply: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the write safe to retry: the same key with the same body returns the original answer; with a different body, 409 `idempotency_key_reused`. Kept at least 24 hours. */
                "Idempotency-Key"?: components["parameters"]["WriteHeaders.idempotencyKey"];
                /** @description A trace id propagated to logs and to the receiver. */
                "X-Trace-Id"?: components["parameters"]["WriteHeaders.traceId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScenarioBundle"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplyScenarioResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    Scenarios_validate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScenarioBundle"];
            };
        };
        responses: {
            /** @description The request has succeeded. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ValidateScenarioResponse"];
                };
            };
            /** @description 400 Bad Request. */
            400: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 401 Unauthorized: missing, unknown or revoked API key. */
            401: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 403 Forbidden: the key may not act here. */
            403: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 404 Not Found. */
            404: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 409 Conflict. */
            409: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 413 Content Too Large. */
            413: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 415 Unsupported Media Type. */
            415: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 422 Unprocessable Content: the request does not match the schema or a rule. */
            422: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"] | components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 429 Too Many Requests. */
            429: {
                headers: {
                    /** @description Seconds to wait before retrying. */
                    "Retry-After": number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 500 Internal Server Error. */
            500: {
                headers: {
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 503 Service Unavailable. */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying, when known. */
                    "Retry-After"?: number;
                    /** @description The id of the request. */
                    "x-request-id": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
}
