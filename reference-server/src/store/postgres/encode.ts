/**
 * Mutations → the JSON that `axp_apply_batch` (migrations.ts) reads: per mutation its `op`, the
 * guard (`expect`), the key (`id`) and the derived columns, computed here in TypeScript exactly
 * as the SQLite adapter computes them, and the document as a JSON *string* (`doc`), so that it
 * is stored byte for byte as JSON.stringify wrote it.
 */
import type { Mutation } from "../port.ts";
import { epochMs, principalColumns } from "../sqlite/codec.ts";

type Encoded = Record<string, string | number | null | undefined>;

/**
 * Times in bigint columns: the services compute them from integers, but a fractional one (a
 * reminder every 0.0015 s) must round rather than fail the unit as SQLite's REAL would not.
 */
const whole = (ms: number | undefined): number | null => (ms === undefined ? null : Number.isInteger(ms) ? ms : Math.round(ms));

const guard = (expectVersion: number | undefined) => (expectVersion === undefined ? {} : { expect: expectVersion });

export function encodeMutation(m: Mutation): Encoded {
  switch (m.op) {
    case "putIntent": {
      const { intent, trace_id } = m.record;
      return {
        op: m.op,
        ...guard(m.expectVersion),
        id: intent.intent_id,
        status: intent.status,
        to_agent: intent.to_agent,
        from_agent: intent.from_agent,
        intent_type: intent.intent_type,
        correlation_id: intent.correlation_id,
        created_at: epochMs(intent.created_at),
        trace_id: trace_id ?? null,
        doc: JSON.stringify(intent),
      };
    }
    case "putAgent": {
      const r = m.record;
      return {
        op: m.op,
        ...guard(m.expectVersion),
        id: r.agent.address,
        last_cursor: r.last_cursor,
        webhook_secret: r.webhook_secret ?? null,
        previous_webhook_secret: r.previous_webhook_secret ?? null,
        previous_secret_valid_until: r.previous_secret_valid_until ?? null,
        doc: JSON.stringify(r.agent),
      };
    }
    case "putDelivery": {
      const r = m.record;
      const d = r.delivery;
      return {
        op: m.op,
        ...guard(m.expectVersion),
        id: d.delivery_id,
        intent_id: d.intent_id,
        agent: d.agent,
        state: d.state,
        due_at: whole(r.due_at),
        lease_until: whole(r.lease_until),
        cursor: r.cursor,
        created_at: epochMs(d.created_at),
        doc: JSON.stringify(d),
      };
    }
    case "putThread": {
      const t = m.record.thread;
      return {
        op: m.op,
        ...guard(m.expectVersion),
        id: t.thread_id,
        intent_id: t.intent_id,
        owner_agent: t.owner_agent,
        status: t.status,
        created_at: epochMs(t.created_at),
        doc: JSON.stringify(t),
      };
    }
    case "putWorkflow": {
      const { version: _version, ...doc } = m.record;
      return { op: m.op, ...guard(m.expectVersion), id: m.record.parent_intent_id, doc: JSON.stringify(doc) };
    }
    case "appendEvent":
      return { op: m.op, intent_id: m.event.intent_id, seq: m.event.seq, doc: JSON.stringify(m.event) };
    case "putIdempotency": {
      const r = m.record;
      return {
        op: m.op,
        scope: r.scope,
        key: r.key,
        request_hash: r.request_hash,
        status: r.status,
        response: JSON.stringify(r.response ?? null),
        created_at: r.created_at,
      };
    }
    case "putKey": {
      const k = m.record;
      const [kind, ref] = principalColumns(k.principal);
      return {
        op: m.op,
        id: k.key_id,
        token_hash: k.token_hash,
        principal_kind: kind,
        principal_ref: ref,
        hint: k.hint,
        created_at: k.created_at,
        revoked_at: k.revoked_at ?? null,
      };
    }
    case "putHuman":
      return { op: m.op, id: m.human.human_id, doc: JSON.stringify(m.human) };
    case "putDeadLetter": {
      const d = m.deadLetter;
      return { op: m.op, id: d.delivery_id, agent: d.agent, at: epochMs(d.dead_lettered_at), doc: JSON.stringify(d) };
    }
    case "putAttempt":
      return { op: m.op, id: m.attempt.delivery_id, attempt: m.attempt.attempt, doc: JSON.stringify(m.attempt) };
    case "putTimer": {
      const t = m.timer;
      return { op: m.op, kind: t.kind, ref: t.ref, due_at: whole(t.due_at), data: t.data === undefined ? null : JSON.stringify(t.data) };
    }
    case "deleteTimer":
      return { op: m.op, kind: m.kind, ref: m.ref };
    case "putWebCredential": {
      const { version: _version, ...doc } = m.record;
      return { op: m.op, ...guard(m.expectVersion), id: doc.credential_hash, kind: doc.kind, human_id: doc.human_id, expires_at: whole(doc.expires_at), doc: JSON.stringify(doc) };
    }
    case "deleteWebCredential":
      return { op: m.op, id: m.credential_hash };
    case "pruneWebCredentials":
      return { op: m.op, before: whole(m.before) };
    default:
      throw new Error(`unknown mutation ${JSON.stringify((m as { op: unknown }).op)}`);
  }
}

/** One unit of work as the JSON text of its encoded mutations (computed once, at commit time). */
export function encodeUnit(mutations: Mutation[]): string {
  return JSON.stringify(mutations.map(encodeMutation));
}
