/**
 * Versioned schema migrations for PostgreSQL, applied in order at start-up under a session
 * advisory lock, one transaction each. Several processes may start at once: the first takes
 * the lock and migrates, the others wait for it and then find nothing left to do. Never edit a
 * released migration: databases in the field have already run it; append a new one instead.
 */
import type pg from "pg";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/*
 * The tables mirror the SQLite adapter's: the API document as text in `doc` (text, not jsonb:
 * jsonb would reorder keys and refuses the \u0000 escape that JSON allows in strings) plus the
 * columns that queries filter or sort on, derived from the document on write. Times are epoch
 * milliseconds. Ids that page cursors compare use the "C" collation: byte order, as in SQLite,
 * and cheaper than a linguistic collation.
 *
 * No foreign keys, for the reason the SQLite adapter gives: referential integrity belongs to the
 * service layer, and a deferred check at COMMIT would fail a whole group-commit batch.
 *
 * `axp_apply_batch` applies a group-commit batch in one round trip (see batch.ts): each unit
 * runs in a PL/pgSQL block with an EXCEPTION clause, which is a subtransaction — a SAVEPOINT —
 * so a unit whose guard fails is rolled back alone. It also sends the cross-process wake-ups
 * with pg_notify, which PostgreSQL delivers only if and when the transaction commits.
 */
const initialSchema: Migration = {
    version: 1,
    name: "initial schema",
    sql: String.raw`
      CREATE TABLE agents (
        address text COLLATE "C" PRIMARY KEY,
        version bigint NOT NULL,
        last_cursor bigint NOT NULL,
        webhook_secret text,
        previous_webhook_secret text,
        previous_secret_valid_until bigint,
        doc text NOT NULL
      );

      CREATE TABLE api_keys (
        key_id text COLLATE "C" PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        principal_kind text NOT NULL,
        principal_ref text NOT NULL,
        hint text NOT NULL,
        created_at bigint NOT NULL,
        revoked_at bigint
      );
      CREATE INDEX api_keys_principal ON api_keys (principal_kind, principal_ref, created_at);

      CREATE TABLE humans (
        human_id text COLLATE "C" PRIMARY KEY,
        doc text NOT NULL
      );

      CREATE TABLE intents (
        intent_id text COLLATE "C" PRIMARY KEY,
        status text NOT NULL,
        to_agent text NOT NULL,
        from_agent text NOT NULL,
        intent_type text NOT NULL,
        correlation_id text NOT NULL,
        created_at bigint NOT NULL,
        version bigint NOT NULL,
        trace_id text,
        doc text NOT NULL
      );
      CREATE INDEX intents_created ON intents (created_at, intent_id);
      CREATE INDEX intents_to ON intents (to_agent, created_at, intent_id);
      CREATE INDEX intents_from ON intents (from_agent, created_at, intent_id);
      CREATE INDEX intents_correlation ON intents (correlation_id);

      CREATE TABLE events (
        intent_id text COLLATE "C" NOT NULL,
        seq bigint NOT NULL,
        doc text NOT NULL,
        PRIMARY KEY (intent_id, seq)
      );

      CREATE TABLE deliveries (
        delivery_id text COLLATE "C" PRIMARY KEY,
        intent_id text NOT NULL,
        agent text NOT NULL,
        state text NOT NULL,
        due_at bigint,
        lease_until bigint,
        cursor bigint NOT NULL,
        version bigint NOT NULL,
        created_at bigint NOT NULL,
        doc text NOT NULL
      );
      CREATE INDEX deliveries_intent ON deliveries (intent_id);
      CREATE INDEX deliveries_agent ON deliveries (agent, created_at, delivery_id);
      CREATE INDEX deliveries_agent_state ON deliveries (agent, state, created_at, delivery_id);
      CREATE INDEX deliveries_pending ON deliveries (agent, due_at) WHERE state = 'pending';
      CREATE INDEX deliveries_leased ON deliveries (agent, cursor) WHERE state = 'in_flight';

      CREATE TABLE dead_letters (
        delivery_id text COLLATE "C" PRIMARY KEY,
        agent text NOT NULL,
        dead_lettered_at bigint NOT NULL,
        doc text NOT NULL
      );
      CREATE INDEX dead_letters_agent ON dead_letters (agent, dead_lettered_at, delivery_id);

      CREATE TABLE webhook_attempts (
        delivery_id text NOT NULL,
        attempt bigint NOT NULL,
        doc text NOT NULL,
        PRIMARY KEY (delivery_id, attempt)
      );

      CREATE TABLE idempotency (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status integer NOT NULL,
        response text NOT NULL,
        created_at bigint NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX idempotency_created ON idempotency (created_at);

      -- claimed_by / claimed_until: a soft lease a process takes on a due timer when it reads it
      -- (dueTimers), so that the other processes leave it alone while it is being handled and
      -- take it over if the claimer dies. Storing the timer again (putTimer) clears the claim.
      CREATE TABLE timers (
        kind text NOT NULL,
        ref text NOT NULL,
        due_at bigint NOT NULL,
        data text,
        claimed_by text,
        claimed_until bigint,
        PRIMARY KEY (kind, ref)
      );
      CREATE INDEX timers_due ON timers (due_at);
      CREATE INDEX timers_claimed ON timers (claimed_until) WHERE claimed_by IS NOT NULL;

      CREATE TABLE threads (
        thread_id text COLLATE "C" PRIMARY KEY,
        intent_id text NOT NULL,
        owner_agent text NOT NULL,
        status text NOT NULL,
        created_at bigint NOT NULL,
        -- Position in the changes feed: every write moves the thread to the end.
        change_seq bigint NOT NULL UNIQUE,
        version bigint NOT NULL,
        doc text NOT NULL
      );
      CREATE INDEX threads_owner ON threads (owner_agent, created_at, thread_id);
      CREATE INDEX threads_owner_status ON threads (owner_agent, status, created_at, thread_id);
      CREATE INDEX threads_changes ON threads (owner_agent, change_seq);
      CREATE SEQUENCE thread_changes;

      CREATE TABLE workflows (
        parent_intent_id text COLLATE "C" PRIMARY KEY,
        version bigint NOT NULL,
        doc text NOT NULL
      );

      -- Intents by status and deliveries by state, so that a metrics scrape reads a handful of
      -- rows. axp_apply_batch keeps them: it knows each row's status before and after, and adds
      -- a batch's changes up into one upsert per status at the end (per-row triggers doubled
      -- the cost of creating an intent). One row per (kind, key) would be a hot row that every
      -- writer of every process locks until its commit, serialising them all; so each backend
      -- counts in rows of its own (backend = pg_backend_pid()) and counts() adds them up. Rows
      -- of backends that are gone are folded into backend 0 at start-up.
      CREATE TABLE row_counts (
        kind text NOT NULL,
        key text NOT NULL,
        backend integer NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (kind, key, backend)
      );

      -- A failed guard: the unit is rolled back and reported as a ConflictError.
      CREATE FUNCTION axp_conflict(what text) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION USING ERRCODE = 'AX409', MESSAGE = what;
      END $$;

      -- units: a JSON array of units, each an array of mutations encoded by encode.ts.
      -- channel: where to send the wake-ups (NULL: none).
      -- Returns one entry per unit: null when applied, else {"conflict": op, "message": …},
      -- {"retry": sqlstate, "message": …} (deadlock or lock timeout: try the unit again) or
      -- {"error": sqlstate, "message": …}.
      CREATE FUNCTION axp_apply_batch(units jsonb, channel text) RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        unit jsonb;
        m jsonb;
        op text;
        e bigint;
        n bigint;
        who text;
        results jsonb := '[]'::jsonb;
        agents text[] := '{}';
        intents text[] := '{}';
        timer_at bigint;
        u_agents text[];
        u_intents text[];
        u_timer_at bigint;
        old text;
        v bigint;
        plus text[] := '{}';
        minus text[] := '{}';
        u_plus text[];
        u_minus text[];
        line text;
        chunk text := '';
      BEGIN
        FOR unit IN SELECT value FROM jsonb_array_elements(units) LOOP
          u_agents := '{}';
          u_intents := '{}';
          u_timer_at := NULL;
          u_plus := '{}';
          u_minus := '{}';
          op := NULL;
          BEGIN
            FOR m IN SELECT value FROM jsonb_array_elements(unit) LOOP
              op := m->>'op';
              e := (m->>'expect')::bigint;
              CASE op
              WHEN 'putIntent' THEN
                -- The row's status before the write (NULL: a new row), for the counts. Updates
                -- lock the row first, so that what they read is what they replace.
                old := NULL;
                IF e = 0 THEN
                  INSERT INTO intents (intent_id, status, to_agent, from_agent, intent_type, correlation_id, created_at, trace_id, doc, version)
                  VALUES (m->>'id', m->>'status', m->>'to_agent', m->>'from_agent', m->>'intent_type', m->>'correlation_id', (m->>'created_at')::bigint, m->>'trace_id', m->>'doc', 1)
                  ON CONFLICT (intent_id) DO NOTHING;
                  GET DIAGNOSTICS n = ROW_COUNT;
                  IF n = 0 THEN PERFORM axp_conflict(format('intent %s already exists', m->>'id')); END IF;
                ELSE
                  LOOP
                    SELECT status, version INTO old, v FROM intents WHERE intent_id = m->>'id' FOR UPDATE;
                    IF FOUND THEN
                      IF e IS NOT NULL AND v <> e THEN PERFORM axp_conflict(format('intent %s is missing or not at version %s', m->>'id', e)); END IF;
                      UPDATE intents SET status = m->>'status', to_agent = m->>'to_agent', from_agent = m->>'from_agent', intent_type = m->>'intent_type',
                        correlation_id = m->>'correlation_id', created_at = (m->>'created_at')::bigint, trace_id = m->>'trace_id', doc = m->>'doc',
                        version = version + 1
                      WHERE intent_id = m->>'id';
                      EXIT;
                    END IF;
                    IF e IS NOT NULL THEN PERFORM axp_conflict(format('intent %s is missing or not at version %s', m->>'id', e)); END IF;
                    -- Insert or replace: insert, unless another transaction inserted it first.
                    INSERT INTO intents (intent_id, status, to_agent, from_agent, intent_type, correlation_id, created_at, trace_id, doc, version)
                    VALUES (m->>'id', m->>'status', m->>'to_agent', m->>'from_agent', m->>'intent_type', m->>'correlation_id', (m->>'created_at')::bigint, m->>'trace_id', m->>'doc', 1)
                    ON CONFLICT (intent_id) DO NOTHING;
                    GET DIAGNOSTICS n = ROW_COUNT;
                    EXIT WHEN n = 1;
                  END LOOP;
                END IF;
                IF old IS DISTINCT FROM m->>'status' THEN
                  u_plus := u_plus || ('i:' || (m->>'status'));
                  IF old IS NOT NULL THEN u_minus := u_minus || ('i:' || old); END IF;
                END IF;

              WHEN 'putAgent' THEN
                IF e IS NULL THEN
                  INSERT INTO agents (address, last_cursor, webhook_secret, previous_webhook_secret, previous_secret_valid_until, doc, version)
                  VALUES (m->>'id', (m->>'last_cursor')::bigint, m->>'webhook_secret', m->>'previous_webhook_secret', (m->>'previous_secret_valid_until')::bigint, m->>'doc', 1)
                  ON CONFLICT (address) DO UPDATE SET last_cursor = excluded.last_cursor, webhook_secret = excluded.webhook_secret,
                    previous_webhook_secret = excluded.previous_webhook_secret, previous_secret_valid_until = excluded.previous_secret_valid_until,
                    doc = excluded.doc, version = agents.version + 1;
                ELSIF e = 0 THEN
                  INSERT INTO agents (address, last_cursor, webhook_secret, previous_webhook_secret, previous_secret_valid_until, doc, version)
                  VALUES (m->>'id', (m->>'last_cursor')::bigint, m->>'webhook_secret', m->>'previous_webhook_secret', (m->>'previous_secret_valid_until')::bigint, m->>'doc', 1)
                  ON CONFLICT (address) DO NOTHING;
                  GET DIAGNOSTICS n = ROW_COUNT;
                  IF n = 0 THEN PERFORM axp_conflict(format('agent %s already exists', m->>'id')); END IF;
                ELSE
                  UPDATE agents SET last_cursor = (m->>'last_cursor')::bigint, webhook_secret = m->>'webhook_secret',
                    previous_webhook_secret = m->>'previous_webhook_secret', previous_secret_valid_until = (m->>'previous_secret_valid_until')::bigint,
                    doc = m->>'doc', version = version + 1
                  WHERE address = m->>'id' AND version = e;
                  GET DIAGNOSTICS n = ROW_COUNT;
                  IF n = 0 THEN PERFORM axp_conflict(format('agent %s is missing or not at version %s', m->>'id', e)); END IF;
                END IF;

              WHEN 'putDelivery' THEN
                old := NULL;
                IF e = 0 THEN
                  INSERT INTO deliveries (delivery_id, intent_id, agent, state, due_at, lease_until, cursor, created_at, doc, version)
                  VALUES (m->>'id', m->>'intent_id', m->>'agent', m->>'state', (m->>'due_at')::bigint, (m->>'lease_until')::bigint, (m->>'cursor')::bigint, (m->>'created_at')::bigint, m->>'doc', 1)
                  ON CONFLICT (delivery_id) DO NOTHING;
                  GET DIAGNOSTICS n = ROW_COUNT;
                  IF n = 0 THEN PERFORM axp_conflict(format('delivery %s already exists', m->>'id')); END IF;
                ELSE
                  LOOP
                    SELECT state, version INTO old, v FROM deliveries WHERE delivery_id = m->>'id' FOR UPDATE;
                    IF FOUND THEN
                      IF e IS NOT NULL AND v <> e THEN PERFORM axp_conflict(format('delivery %s is missing or not at version %s', m->>'id', e)); END IF;
                      UPDATE deliveries SET intent_id = m->>'intent_id', agent = m->>'agent', state = m->>'state', due_at = (m->>'due_at')::bigint,
                        lease_until = (m->>'lease_until')::bigint, cursor = (m->>'cursor')::bigint, created_at = (m->>'created_at')::bigint,
                        doc = m->>'doc', version = version + 1
                      WHERE delivery_id = m->>'id';
                      EXIT;
                    END IF;
                    IF e IS NOT NULL THEN PERFORM axp_conflict(format('delivery %s is missing or not at version %s', m->>'id', e)); END IF;
                    INSERT INTO deliveries (delivery_id, intent_id, agent, state, due_at, lease_until, cursor, created_at, doc, version)
                    VALUES (m->>'id', m->>'intent_id', m->>'agent', m->>'state', (m->>'due_at')::bigint, (m->>'lease_until')::bigint, (m->>'cursor')::bigint, (m->>'created_at')::bigint, m->>'doc', 1)
                    ON CONFLICT (delivery_id) DO NOTHING;
                    GET DIAGNOSTICS n = ROW_COUNT;
                    EXIT WHEN n = 1;
                  END LOOP;
                END IF;
                IF old IS DISTINCT FROM m->>'state' THEN
                  u_plus := u_plus || ('d:' || (m->>'state'));
                  IF old IS NOT NULL THEN u_minus := u_minus || ('d:' || old); END IF;
                END IF;
                -- A pending delivery: whoever waits for this agent's work should look.
                IF m->>'state' = 'pending' THEN u_agents := u_agents || (m->>'agent'); END IF;

              WHEN 'putThread' THEN
                -- The feed's order must be the order in which changes become visible, or a reader
                -- could move its cursor past a change that commits later with a smaller number.
                -- So numbers are drawn under a lock held until this transaction ends: a writer that
                -- draws after us also commits after us.
                PERFORM pg_advisory_xact_lock(1096306690, hashtext(current_schema()));
                IF e IS NULL THEN
                  INSERT INTO threads (thread_id, intent_id, owner_agent, status, created_at, change_seq, doc, version)
                  VALUES (m->>'id', m->>'intent_id', m->>'owner_agent', m->>'status', (m->>'created_at')::bigint, nextval('thread_changes'), m->>'doc', 1)
                  ON CONFLICT (thread_id) DO UPDATE SET intent_id = excluded.intent_id, owner_agent = excluded.owner_agent, status = excluded.status,
                    created_at = excluded.created_at, change_seq = excluded.change_seq, doc = excluded.doc, version = threads.version + 1;
                ELSIF e = 0 THEN
                  INSERT INTO threads (thread_id, intent_id, owner_agent, status, created_at, change_seq, doc, version)
                  VALUES (m->>'id', m->>'intent_id', m->>'owner_agent', m->>'status', (m->>'created_at')::bigint, nextval('thread_changes'), m->>'doc', 1)
                  ON CONFLICT (thread_id) DO NOTHING;
                  GET DIAGNOSTICS n = ROW_COUNT;
                  IF n = 0 THEN PERFORM axp_conflict(format('thread %s already exists', m->>'id')); END IF;
                ELSE
                  UPDATE threads SET intent_id = m->>'intent_id', owner_agent = m->>'owner_agent', status = m->>'status',
                    created_at = (m->>'created_at')::bigint, change_seq = nextval('thread_changes'), doc = m->>'doc', version = version + 1
                  WHERE thread_id = m->>'id' AND version = e;
                  GET DIAGNOSTICS n = ROW_COUNT;
                  IF n = 0 THEN PERFORM axp_conflict(format('thread %s is missing or not at version %s', m->>'id', e)); END IF;
                END IF;

              WHEN 'putWorkflow' THEN
                IF e IS NULL THEN
                  INSERT INTO workflows (parent_intent_id, doc, version) VALUES (m->>'id', m->>'doc', 1)
                  ON CONFLICT (parent_intent_id) DO UPDATE SET doc = excluded.doc, version = workflows.version + 1;
                ELSIF e = 0 THEN
                  INSERT INTO workflows (parent_intent_id, doc, version) VALUES (m->>'id', m->>'doc', 1)
                  ON CONFLICT (parent_intent_id) DO NOTHING;
                  GET DIAGNOSTICS n = ROW_COUNT;
                  IF n = 0 THEN PERFORM axp_conflict(format('workflow %s already exists', m->>'id')); END IF;
                ELSE
                  UPDATE workflows SET doc = m->>'doc', version = version + 1 WHERE parent_intent_id = m->>'id' AND version = e;
                  GET DIAGNOSTICS n = ROW_COUNT;
                  IF n = 0 THEN PERFORM axp_conflict(format('workflow %s is missing or not at version %s', m->>'id', e)); END IF;
                END IF;

              WHEN 'appendEvent' THEN
                INSERT INTO events (intent_id, seq, doc) VALUES (m->>'intent_id', (m->>'seq')::bigint, m->>'doc')
                ON CONFLICT (intent_id, seq) DO NOTHING;
                GET DIAGNOSTICS n = ROW_COUNT;
                IF n = 0 THEN PERFORM axp_conflict(format('event %s of intent %s already exists', m->>'seq', m->>'intent_id')); END IF;
                u_intents := u_intents || (m->>'intent_id');

              WHEN 'putIdempotency' THEN
                INSERT INTO idempotency (scope, key, request_hash, status, response, created_at)
                VALUES (m->>'scope', m->>'key', m->>'request_hash', (m->>'status')::integer, m->>'response', (m->>'created_at')::bigint)
                ON CONFLICT (scope, key) DO NOTHING;
                GET DIAGNOSTICS n = ROW_COUNT;
                IF n = 0 THEN PERFORM axp_conflict(format('idempotency key %s already used in %s', to_json(m->>'key'), m->>'scope')); END IF;

              WHEN 'putKey' THEN
                INSERT INTO api_keys (key_id, token_hash, principal_kind, principal_ref, hint, created_at, revoked_at)
                VALUES (m->>'id', m->>'token_hash', m->>'principal_kind', m->>'principal_ref', m->>'hint', (m->>'created_at')::bigint, (m->>'revoked_at')::bigint)
                ON CONFLICT (key_id) DO UPDATE SET token_hash = excluded.token_hash, principal_kind = excluded.principal_kind,
                  principal_ref = excluded.principal_ref, hint = excluded.hint, created_at = excluded.created_at, revoked_at = excluded.revoked_at;

              WHEN 'putHuman' THEN
                INSERT INTO humans (human_id, doc) VALUES (m->>'id', m->>'doc')
                ON CONFLICT (human_id) DO UPDATE SET doc = excluded.doc;

              WHEN 'putDeadLetter' THEN
                INSERT INTO dead_letters (delivery_id, agent, dead_lettered_at, doc) VALUES (m->>'id', m->>'agent', (m->>'at')::bigint, m->>'doc')
                ON CONFLICT (delivery_id) DO UPDATE SET agent = excluded.agent, dead_lettered_at = excluded.dead_lettered_at, doc = excluded.doc;

              WHEN 'putAttempt' THEN
                INSERT INTO webhook_attempts (delivery_id, attempt, doc) VALUES (m->>'id', (m->>'attempt')::bigint, m->>'doc')
                ON CONFLICT (delivery_id, attempt) DO UPDATE SET doc = excluded.doc;

              WHEN 'putTimer' THEN
                INSERT INTO timers (kind, ref, due_at, data) VALUES (m->>'kind', m->>'ref', (m->>'due_at')::bigint, m->>'data')
                ON CONFLICT (kind, ref) DO UPDATE SET due_at = excluded.due_at, data = excluded.data, claimed_by = NULL, claimed_until = NULL;
                u_timer_at := least(u_timer_at, (m->>'due_at')::bigint);

              WHEN 'deleteTimer' THEN
                DELETE FROM timers WHERE kind = m->>'kind' AND ref = m->>'ref';
                -- The delivery service deletes the timer of a pull delivery when its retry comes
                -- due, and then wakes the agent's waiters in its own process only; the agent may
                -- be connected to another one.
                IF m->>'kind' = 'delivery' THEN
                  SELECT agent INTO who FROM deliveries WHERE delivery_id = m->>'ref' AND state = 'pending';
                  IF FOUND THEN u_agents := u_agents || who; END IF;
                END IF;

              ELSE
                RAISE EXCEPTION 'unknown mutation %', to_json(op);
              END CASE;
            END LOOP;
            results := results || 'null'::jsonb;
            plus := plus || u_plus;
            minus := minus || u_minus;
            agents := agents || u_agents;
            intents := intents || u_intents;
            timer_at := least(timer_at, u_timer_at);
          EXCEPTION
            WHEN SQLSTATE 'AX409' OR unique_violation THEN
              results := results || jsonb_build_array(jsonb_build_object('conflict', op, 'message', SQLERRM));
            WHEN deadlock_detected OR lock_not_available OR serialization_failure THEN
              results := results || jsonb_build_array(jsonb_build_object('retry', SQLSTATE, 'message', SQLERRM));
            WHEN OTHERS THEN
              results := results || jsonb_build_array(jsonb_build_object('error', SQLSTATE, 'message', SQLERRM));
          END;
        END LOOP;

        -- The batch's changes to the counts, in this backend's rows.
        IF cardinality(plus) > 0 OR cardinality(minus) > 0 THEN
          INSERT INTO row_counts (kind, key, backend, n)
          SELECT CASE WHEN left(x, 1) = 'i' THEN 'intents' ELSE 'deliveries' END, substr(x, 3), pg_backend_pid(), sum(d)
          FROM (SELECT unnest(plus) AS x, 1 AS d UNION ALL SELECT unnest(minus), -1) AS changes
          GROUP BY 1, 2
          ON CONFLICT (kind, key, backend) DO UPDATE SET n = row_counts.n + excluded.n;
        END IF;

        -- Wake-ups, one line each ("a" agent, "i" intent, "t" earliest timer), in payloads under
        -- the 8000-byte limit of a notification. Delivered to listeners only on COMMIT.
        IF channel IS NOT NULL THEN
          FOR line IN
            SELECT 'a' || x FROM (SELECT DISTINCT unnest(agents) AS x) a
            UNION ALL SELECT 'i' || x FROM (SELECT DISTINCT unnest(intents) AS x) i
            UNION ALL SELECT 't' || timer_at WHERE timer_at IS NOT NULL
          LOOP
            IF octet_length(chunk) + octet_length(line) + 1 > 7900 THEN
              PERFORM pg_notify(channel, chunk);
              chunk := '';
            END IF;
            chunk := CASE WHEN chunk = '' THEN line ELSE chunk || E'\n' || line END;
          END LOOP;
          IF chunk <> '' THEN PERFORM pg_notify(channel, chunk); END IF;
        END IF;
        RETURN results;
      END $$;
    `,
};

/**
 * The SQL of migration 2 replaces `axp_apply_batch` with the released function plus the cases
 * of the web credentials. The function's text is taken from migration 1 rather than copied, so
 * that the two cannot drift apart; each later migration that adds mutations does the same with
 * the newest text.
 */
function withMutations(previous: string, cases: string): string {
  const start = previous.indexOf("CREATE FUNCTION axp_apply_batch(");
  const end = previous.indexOf("END $$;", start);
  const anchor = "              ELSE\n                RAISE EXCEPTION 'unknown mutation %'";
  const body = previous.slice(start, end + "END $$;".length);
  if (start < 0 || end < 0 || !body.includes(anchor)) throw new Error("migration 1 no longer has the axp_apply_batch text migration 2 extends");
  return body.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION").replace(anchor, `${cases}\n${anchor}`);
}

const webCredentials: Migration = {
  version: 2,
  name: "inbox web sign-in links and sessions",
  sql: `
      -- Keyed by the SHA-256 of the secret: the secrets themselves are never stored.
      CREATE TABLE web_credentials (
        credential_hash text COLLATE "C" PRIMARY KEY,
        kind text NOT NULL,
        human_id text NOT NULL,
        expires_at bigint NOT NULL,
        version bigint NOT NULL,
        doc text NOT NULL
      );
      CREATE INDEX web_credentials_expiry ON web_credentials (expires_at);

      ${withMutations(
        initialSchema.sql,
        `              WHEN 'putWebCredential' THEN
                IF e IS NULL THEN
                  INSERT INTO web_credentials (credential_hash, kind, human_id, expires_at, doc, version)
                  VALUES (m->>'id', m->>'kind', m->>'human_id', (m->>'expires_at')::bigint, m->>'doc', 1)
                  ON CONFLICT (credential_hash) DO UPDATE SET kind = excluded.kind, human_id = excluded.human_id,
                    expires_at = excluded.expires_at, doc = excluded.doc, version = web_credentials.version + 1;
                ELSIF e = 0 THEN
                  INSERT INTO web_credentials (credential_hash, kind, human_id, expires_at, doc, version)
                  VALUES (m->>'id', m->>'kind', m->>'human_id', (m->>'expires_at')::bigint, m->>'doc', 1)
                  ON CONFLICT (credential_hash) DO NOTHING;
                  GET DIAGNOSTICS n = ROW_COUNT;
                  IF n = 0 THEN PERFORM axp_conflict('web credential already exists'); END IF;
                ELSE
                  UPDATE web_credentials SET kind = m->>'kind', human_id = m->>'human_id', expires_at = (m->>'expires_at')::bigint,
                    doc = m->>'doc', version = version + 1
                  WHERE credential_hash = m->>'id' AND version = e;
                  GET DIAGNOSTICS n = ROW_COUNT;
                  IF n = 0 THEN PERFORM axp_conflict(format('web credential is missing or not at version %s', e)); END IF;
                END IF;

              WHEN 'deleteWebCredential' THEN
                DELETE FROM web_credentials WHERE credential_hash = m->>'id';

              WHEN 'pruneWebCredentials' THEN
                DELETE FROM web_credentials WHERE expires_at < (m->>'before')::bigint;
`,
      )}
    `,
};

export const migrations: readonly Migration[] = [initialSchema, webCredentials];

/**
 * Session advisory lock key (first half, "AXP" and 1) for migrations; the second half is the
 * schema's hash. The thread feed's transaction lock in axp_apply_batch is "AXP" and 2.
 */
const MIGRATION_LOCK = 0x41585001;

/**
 * Brings the schema up to the newest known version and returns the versions applied now. Runs
 * on one connection, under a session advisory lock so that concurrent start-ups take turns.
 * Also folds the metric counters of backends that are gone (see row_counts).
 */
export async function migrate(client: pg.ClientBase, schema: string, list: readonly Migration[] = migrations): Promise<number[]> {
  const latest = list.at(-1)?.version ?? 0;
  await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [MIGRATION_LOCK, schema]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)");
    const found = Number((await client.query<{ v: number }>("SELECT coalesce(max(version), 0) AS v FROM schema_migrations")).rows[0]?.v ?? 0);
    if (found > latest) {
      throw new Error(
        `schema ${schema} has version ${found}, newer than the ${latest} this server knows; ` +
          "run a newer server (a downgrade would need a backup from before the upgrade)",
      );
    }
    const applied: number[] = [];
    for (const migration of list) {
      if (migration.version <= found) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [migration.version, migration.name, Date.now()]);
        await client.query("COMMIT");
        applied.push(migration.version);
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
      }
    }
    if ((await client.query("SELECT to_regclass('row_counts') IS NOT NULL AS here")).rows[0]?.here) await foldGoneBackends(client);
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [MIGRATION_LOCK, schema]).catch(() => {});
  }
}

async function foldGoneBackends(client: pg.ClientBase): Promise<void> {
  await client.query(`
    WITH gone AS (
      DELETE FROM row_counts WHERE backend <> 0 AND backend NOT IN (SELECT pid FROM pg_stat_activity)
      RETURNING kind, key, n
    )
    INSERT INTO row_counts (kind, key, backend, n)
    SELECT kind, key, 0, sum(n) FROM gone GROUP BY kind, key
    ON CONFLICT (kind, key, backend) DO UPDATE SET n = row_counts.n + excluded.n`);
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
