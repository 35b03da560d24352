/**
 * Requests derived from the OpenAPI document: a value that matches each operation's body
 * schema, then mutated (wrong types, missing and extra fields, huge strings, deep nesting,
 * extreme numbers), encoded (JSON, broken JSON, invalid UTF-8, oversized, chunked), sent with
 * hostile headers, odd path encodings and query junk.
 *
 * A generated request is a small description; `materialize` turns it into bytes, so a failure
 * prints compactly (a 300 KB body is shown as its recipe, not its text).
 */
import fc from "fast-check";
import { BAD_JSON, BAD_UTF8, headerJunk, pathJunk, QUERY_TAILS, queryJunk } from "./junk.ts";
import { type JsonSchema, type Operation, resolveRef } from "./spec.ts";

// ---------------------------------------------------------------- fixtures the generator draws from

export interface Fixtures {
  adminKey: string;
  humanKey: string;
  revokedKey: string;
  /** Keys by agent address (every agent the fuzzer may name). */
  keys: Record<string, string>;
  /** Agents that the fuzzer reads and writes but must not lose (deleting them would starve the run). */
  stable: string[];
  /** Agents the fuzzer may delete and reconfigure. */
  victims: string[];
  /** Well-formed addresses of no agent. */
  missing: string[];
  /** Revocable key ids (of victims and a victim human). */
  keyIds: string[];
  humanIds: string[];
  intentIds: string[];
  deliveryIds: string[];
}

// ---------------------------------------------------------------- JSON values from schemas

const STATUSES = ["CREATED", "SUBMITTED", "DELIVERED", "ACKNOWLEDGED", "IN_PROGRESS", "WAITING", "COMPLETED", "FAILED", "CANCELED", "TIMED_OUT"];

/** A value that (mostly) matches `schema`; fixtures stand in for addresses and ids. */
export function valueFor(schema: JsonSchema, fx: Fixtures, depth = 0, name = ""): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant({});
  if (schema.$ref) {
    const refName = schema.$ref.replace("#/components/schemas/", "");
    if (refName === "AgentAddress") return addressValue(fx);
    return valueFor(resolveRef(schema.$ref), fx, depth + 1, refName);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valueFor(s, fx, depth + 1)));
  if (schema.allOf) return valueFor(Object.assign({}, ...schema.allOf.map((s) => (s.$ref ? resolveRef(s.$ref) : s))) as JsonSchema, fx, depth + 1);
  switch (schema.type) {
    case "object": {
      const properties = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(properties)) model[key] = valueFor(sub, fx, depth + 1, key);
      const record = fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in model) });
      if (Object.keys(properties).length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
      return record;
    }
    case "array": {
      const min = schema.minItems ?? 0;
      return fc.array(schema.items ? valueFor(schema.items, fx, depth + 1) : fc.jsonValue({ maxDepth: 1 }), { minLength: min, maxLength: Math.max(min, Math.min(schema.maxItems ?? 4, 4)) });
    }
    case "string":
      return stringFor(schema, fx, name);
    case "integer": {
      const min = schema.minimum ?? -1_000;
      const max = schema.maximum ?? Math.max(min + 10, 3_600_000);
      return fc.oneof({ weight: 5, arbitrary: fc.integer({ min, max: Math.min(max, min + 1_000) }) }, { weight: 2, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(min, max) });
    }
    case "number":
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: JsonSchema, fx: Fixtures, name: string): fc.Arbitrary<string> {
  const maxLength = Math.min(schema.maxLength ?? 24, 24);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  if (schema.format === "uuid") return fc.oneof(fc.uuid(), fc.constantFrom(...fx.intentIds));
  if (schema.format === "date-time") return fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === "uri") return fc.constantFrom("http://127.0.0.1:9/hook", "http://127.0.0.1:1/", "https://127.0.0.1/x", "http://[::1]:9/x", "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/", "ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:alert(1)", "http://", "not a url", "http://user:pass@127.0.0.1:9/");
  if (schema.format === "email") return fc.constantFrom("a@example.com", "x@y", "@", "");
  if (name === "status") return fc.constantFrom(...STATUSES);
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
    } catch {
      // An ECMAScript feature fast-check cannot generate from: fall back to plain strings.
    }
  }
  return fc.string({ minLength, maxLength });
}

/** An agent address in a body, query or header: a fixture, a missing one, a short form, or junk. */
export function addressValue(fx: Fixtures): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...fx.stable, ...fx.victims) },
    { weight: 2, arbitrary: fc.constantFrom(...fx.missing) },
    { weight: 1, arbitrary: fc.constantFrom(...fx.stable).map((a) => a.slice("agent://".length)) },
    { weight: 1, arbitrary: fc.constantFrom(...fx.stable).map((a) => a.split("/").at(-1) as string) },
    { weight: 2, arbitrary: fc.oneof(headerJunk, fc.constantFrom("agent://", "agent://a/b", "agent://ACME/TEST/X", "agent://acme/test/x/y", "agent://acme//x", "agent://-a-/b-c/d", "agent://acme/test/" + "n".repeat(64), "agent://acme/test/.hidden", "agent://acme/test/a..b")) },
  );
}

// ---------------------------------------------------------------- body mutations

/** Raw JSON text spliced in place of a value when the body is serialized. */
interface Raw {
  raw: string;
  /** How the text was made, for reports. */
  recipe: string;
}
const isRaw = (v: unknown): v is Raw => typeof v === "object" && v !== null && "raw" in v && "recipe" in v && Object.keys(v).length === 2;

type Mutation =
  | { kind: "none" }
  | { kind: "wrong-type"; at: number; value: unknown }
  | { kind: "drop"; at: number }
  | { kind: "extra"; at: number; key: string; value: unknown }
  | { kind: "huge-string"; at: number; length: number; char: string }
  | { kind: "deep"; at: number; depth: number; shape: "array" | "object" }
  | { kind: "number"; at: number; text: string }
  | { kind: "replace"; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("wrong-type" as const), at: fc.nat(), value: fc.oneof(fc.constantFrom(null, true, 0, -1, 1.5, "", "x", [], {}, [null], { a: 1 }), fc.jsonValue({ maxDepth: 2 })) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("drop" as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("extra" as const), at: fc.nat(), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "prototype", "ok", "intent_id", "status", "from_agent", "internal_scheduler", "")), value: fc.jsonValue({ maxDepth: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("huge-string" as const), at: fc.nat(), length: fc.constantFrom(256, 2_001, 65_536, 131_000, 131_073, 262_145), char: fc.constantFrom("x", "\u00e9", "\u{1F600}", "\\u0000", "\\\\", "\"") }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("deep" as const), at: fc.nat(), depth: fc.constantFrom(64, 128, 129, 1_000, 10_000, 50_000), shape: fc.constantFrom("array" as const, "object" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("number" as const), at: fc.nat(), text: fc.constantFrom("1e308", "-1e308", "1e999", "9007199254740993", "9007199254740991", "8640000000000001", "18446744073709551616", "-0", "0.1", "2147483648", "-2147483649", "1.0", "5e-324", "123456789012345678901234567890") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("replace" as const), value: fc.jsonValue({ maxDepth: 3 }) }) },
);

/** Paths to every value in `root` (objects and arrays included), root first. */
function paths(root: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    out.push(at);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
    else if (v !== null && typeof v === "object" && !isRaw(v)) for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  walk(root, []);
  return out;
}

function setAt(root: unknown, at: (string | number)[], value: unknown | typeof DROP): unknown {
  if (at.length === 0) return value === DROP ? undefined : value;
  const [head, ...rest] = at as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) {
    const copy = [...root];
    if (rest.length === 0 && value === DROP) copy.splice(head as number, 1);
    else copy[head as number] = setAt(copy[head as number], rest, value);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(root as Record<string, unknown>) };
  if (rest.length === 0 && value === DROP) delete copy[head as string];
  else Object.defineProperty(copy, head, { value: setAt(copy[head as string], rest, value), enumerable: true, writable: true, configurable: true });
  return copy;
}
const DROP = Symbol("drop");

function applyMutation(value: unknown, m: Mutation): unknown {
  if (m.kind === "none") return value;
  if (m.kind === "replace") return m.value;
  const all = paths(value);
  const pick = (n: number) => all[n % all.length] as (string | number)[];
  switch (m.kind) {
    case "wrong-type":
      return setAt(value, pick(m.at), m.value);
    case "drop": {
      const candidates = all.filter((p) => p.length > 0);
      return candidates.length === 0 ? value : setAt(value, candidates[m.at % candidates.length] as (string | number)[], DROP);
    }
    case "extra": {
      const objects = all.filter((p) => {
        const v = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], value);
        return v !== null && typeof v === "object" && !Array.isArray(v);
      });
      if (objects.length === 0) return value;
      return setAt(value, [...(objects[m.at % objects.length] as (string | number)[]), m.key], m.value);
    }
    case "huge-string":
      return setAt(value, pick(m.at), { raw: `"${m.char.repeat(m.length)}"`, recipe: `"${m.char}" × ${m.length}` } satisfies Raw);
    case "deep": {
      const [open, close] = m.shape === "array" ? ["[", "]"] : ['{"a":', "}"];
      return setAt(value, pick(m.at), { raw: `${open.repeat(m.depth)}${m.shape === "array" ? "" : "1"}${close.repeat(m.depth)}`, recipe: `${m.shape}s nested ${m.depth} deep` } satisfies Raw);
    }
    case "number":
      return setAt(value, pick(m.at), { raw: m.text, recipe: m.text } satisfies Raw);
  }
}

/** JSON text of a value with Raw splices. */
function serialize(value: unknown): string {
  if (value === undefined) return "";
  const raws: string[] = [];
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (isRaw(v)) {
      raws.push(v.raw);
      return `\u0000RAW${raws.length - 1}\u0000`;
    }
    return v;
  });
  return (text ?? "").replace(/"\\u0000RAW(\d+)\\u0000"/g, (_m, i: string) => raws[Number(i)] as string);
}

function describeValue(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (isRaw(v) ? `<${v.recipe}>` : v)) ?? "undefined";
  return text.length > 600 ? `${text.slice(0, 600)}… (${text.length} chars)` : text;
}

// ---------------------------------------------------------------- body encodings

type Encoding =
  | { kind: "json" }
  | { kind: "truncated"; at: number }
  | { kind: "bad-json"; text: string }
  | { kind: "bad-utf8"; at: number; bytes: number[] }
  | { kind: "empty" }
  | { kind: "bom" }
  | { kind: "utf16" }
  | { kind: "padded"; bytes: number };

const encoding: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: "json" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncated" as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bad-json" as const), text: fc.oneof(fc.constantFrom(...BAD_JSON), fc.string({ maxLength: 20 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bad-utf8" as const), at: fc.nat(), bytes: fc.constantFrom(...BAD_UTF8) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "empty" as const }) },
  { weight: 1, arbitrary: fc.constantFrom({ kind: "bom" as const }, { kind: "utf16" as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("padded" as const), bytes: fc.constantFrom(131_072, 262_145, 300_000) }) },
);

function encode(text: string, e: Encoding): Buffer | undefined {
  switch (e.kind) {
    case "json":
      return Buffer.from(text, "utf8");
    case "truncated":
      return Buffer.from(text, "utf8").subarray(0, text.length === 0 ? 0 : e.at % text.length);
    case "bad-json":
      return Buffer.from(e.text, "utf8");
    case "bad-utf8": {
      const bytes = Buffer.from(text, "utf8");
      const at = bytes.length === 0 ? 0 : e.at % bytes.length;
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(e.bytes), bytes.subarray(at)]);
    }
    case "empty":
      return undefined;
    case "bom":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    case "utf16":
      return Buffer.from(text, "utf16le");
    case "padded":
      // Valid JSON (whitespace is insignificant) whose size alone is the problem.
      return Buffer.concat([Buffer.from(text || "{}", "utf8"), Buffer.alloc(e.bytes, 0x20)]);
  }
}

const contentType = fc.oneof(
  { weight: 14, arbitrary: fc.constant("application/json") },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      undefined,
      "application/json; charset=utf-8",
      "application/json;charset=latin1",
      "APPLICATION/JSON",
      "application/problem+json",
      "application/vnd.api+json",
      "text/plain",
      "text/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonx",
      "application/json-patch+json",
      "application/octet-stream",
      "*/*",
      "",
      ";",
    ),
  },
  { weight: 1, arbitrary: headerJunk },
);

// ---------------------------------------------------------------- credentials, headers, paths

type Credential = "owner" | "admin" | "other" | "human" | "none" | "bad" | "revoked" | "bearer-owner" | "bearer-junk" | "both" | "authorization-junk";

const credential: fc.Arbitrary<Credential> = fc.oneof(
  { weight: 8, arbitrary: fc.constant("owner" as const) },
  { weight: 5, arbitrary: fc.constant("admin" as const) },
  { weight: 2, arbitrary: fc.constantFrom("other" as const, "human" as const) },
  { weight: 3, arbitrary: fc.constantFrom("none" as const, "bad" as const, "revoked" as const, "bearer-owner" as const, "bearer-junk" as const, "both" as const, "authorization-junk" as const) },
);

/** How an address is written in a path. */
type AddressForm = "raw" | "encoded" | "encoded-bare" | "encoded-lower" | "double-encoded";

function addressInPath(address: string, form: AddressForm): string {
  const bare = address.startsWith("agent://") ? address.slice("agent://".length) : address;
  switch (form) {
    case "raw":
      return bare;
    case "encoded":
      return encodeURIComponent(address);
    case "encoded-bare":
      return encodeURIComponent(bare);
    case "encoded-lower":
      return encodeURIComponent(address).toLowerCase();
    case "double-encoded":
      return encodeURIComponent(encodeURIComponent(address));
  }
}

/** Operations that may destroy a fixture: only victims, missing addresses and junk reach them. */
const DESTRUCTIVE = new Set(["Agents_delete", "Agents_updateDelivery", "Agents_rotateSecret", "Agents_revokeKey"]);

interface PathValue {
  value: string;
  clean: boolean;
  /** The agent the value names, for the `owner` credential. */
  agent?: string;
}

function pathParam(op: Operation, name: string, fx: Fixtures): fc.Arbitrary<PathValue> {
  const junk = pathJunk.map((value): PathValue => ({ value, clean: false }));
  if (name === "address") {
    const pool = DESTRUCTIVE.has(op.id) ? [...fx.victims, ...fx.missing] : [...fx.stable, ...fx.victims, ...fx.missing];
    const good = fc.tuple(fc.constantFrom(...pool), fc.constantFrom<AddressForm>("raw", "raw", "encoded", "encoded", "encoded-bare", "encoded-lower", "double-encoded")).map(([agent, form]): PathValue => ({ value: addressInPath(agent, form), clean: form !== "double-encoded", agent }));
    const odd = fc.tuple(fc.constantFrom(...fx.stable), fc.constantFrom("%2e%2e", "..", "x", "%00", "%ZZ", "%C0%AE")).map(([agent, seg]): PathValue => {
      const parts = agent.slice("agent://".length).split("/");
      parts.splice(1, 0, seg);
      return { value: parts.join("/"), clean: false };
    });
    return fc.oneof({ weight: 8, arbitrary: good }, { weight: 2, arbitrary: odd }, { weight: 3, arbitrary: junk });
  }
  const pools: Record<string, string[]> = {
    intent_id: fx.intentIds,
    delivery_id: fx.deliveryIds,
    key_id: fx.keyIds,
    human_id: fx.humanIds,
  };
  const pool = pools[name];
  const fresh = name === "key_id" ? fc.uuid().map((u) => `key_${u.replaceAll("-", "")}`) : name === "human_id" ? fc.uuid().map((u) => `hum_${u.replaceAll("-", "")}`) : fc.uuid();
  return fc.oneof(
    ...(pool && pool.length > 0 ? [{ weight: 6, arbitrary: fc.constantFrom(...pool).map((value): PathValue => ({ value, clean: true })) }] : []),
    { weight: 2, arbitrary: fresh.map((value): PathValue => ({ value, clean: true })) },
    { weight: 3, arbitrary: junk },
  );
}

interface QueryPart {
  key: string;
  value: string;
  clean: boolean;
}

function queryParam(op: Operation, name: string, schema: JsonSchema, fx: Fixtures): fc.Arbitrary<QueryPart | undefined> {
  const enc = (v: string) => encodeURIComponent(v);
  let good: fc.Arbitrary<string>;
  switch (name) {
    case "wait_seconds":
      // SSE windows stay short so a run never waits: only 1, or a value the server must refuse.
      return fc.oneof({ weight: 6, arbitrary: fc.constant("1") }, { weight: 2, arbitrary: fc.constantFrom("0", "-1", "61", "1.5", "1e0", "abc", "%ZZ", "99999999999999999", "0x1") }).map((value) => ({ key: name, value, clean: true }));
    case "owner_agent":
      good = addressValue(fx).map(enc);
      break;
    case "status":
      good = fc.subarray(STATUSES, { minLength: 1, maxLength: 3 }).map((s) => s.join(","));
      break;
    case "cursor":
      good = fc.oneof(fc.base64String({ maxLength: 40 }).map((s) => s.replace(/=/g, "")), fc.constantFrom(Buffer.from('["i",1,"x"]').toString("base64url"), Buffer.from('["x"]').toString("base64url"), Buffer.from("[1e999,{}]").toString("base64url"), Buffer.from('["i",-1,5]').toString("base64url")));
      break;
    default:
      good = valueFor(schema, fx, 0, name).map((v) => enc(String(v)));
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: good.map((value) => ({ key: name, value, clean: true })) },
    { weight: 2, arbitrary: queryJunk.map((value) => ({ key: name, value, clean: false })) },
  );
}

// ---------------------------------------------------------------- the request

export interface FuzzRequest {
  op: Operation;
  method: string;
  /** Path and query, as sent (printable ASCII). */
  path: string;
  headers: Record<string, string | string[]>;
  body: Buffer | undefined;
  /** Send the body chunked (no Content-Length). */
  chunked: boolean;
  /** The path is the operation's own (no junk), so the answer must be one the operation documents. */
  clean: boolean;
  /** Human-readable recipe for reports. */
  describe(): string;
}

const extraHeaders = (fx: Fixtures) => fc.record(
  {
    "last-event-id": headerJunk,
    "idempotency-key": fc.oneof(fc.uuid(), headerJunk),
    "x-trace-id": fc.oneof(fc.uuid(), headerJunk),
    "x-owner-agent": fc.oneof(addressValue(fx), headerJunk),
    accept: fc.constantFrom("text/event-stream", "application/json", "*/*", "text/*", "text/html", "", "application/json, text/event-stream;q=0.1", "\u00ff"),
    "x-forwarded-for": headerJunk,
    "content-encoding": fc.constantFrom("gzip", "br", "identity", "x"),
  },
  { requiredKeys: [] },
);

/** The arbitrary of hostile requests for one operation. */
export function requestFor(op: Operation, fx: Fixtures): fc.Arbitrary<FuzzRequest> {
  const pathNames = [...op.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const queryParams = op.parameters.filter((p) => p.in === "query");
  const body = op.body ? valueFor(op.body, fx) : fc.constant(undefined);
  return fc
    .record({
      params: fc.tuple(...pathNames.map((n) => pathParam(op, n, fx))),
      query: fc.tuple(...queryParams.map((p) => queryParam(op, p.name, p.schema, fx))),
      junkQuery: fc.oneof({ weight: 5, arbitrary: fc.constant([] as { key: string; value: string }[]) }, { weight: 1, arbitrary: fc.array(fc.record({ key: fc.oneof(fc.constantFrom("limit", "since", "owner_agent", "cursor", "x"), fc.string({ maxLength: 6 }).map(encodeURIComponent)), value: queryJunk }), { maxLength: 4 }) }),
      tail: fc.oneof({ weight: 8, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom(...QUERY_TAILS) }),
      pathTwist: fc.oneof({ weight: 14, arbitrary: fc.constant("none") }, { weight: 1, arbitrary: fc.constantFrom("trailing-slash", "double-slash", "upper", "dot-segment", "encoded-literal", "extra-segment", "backslash", "junk") }),
      junkPath: pathJunk,
      value: body,
      mutation: op.body ? mutation : fc.oneof({ weight: 6, arbitrary: fc.constant({ kind: "none" as const }) }, { weight: 1, arbitrary: fc.record({ kind: fc.constant("replace" as const), value: fc.jsonValue({ maxDepth: 2 }) }) }),
      encoding: op.body ? encoding : fc.oneof({ weight: 6, arbitrary: fc.constant({ kind: "empty" as const }) }, { weight: 1, arbitrary: encoding }),
      contentType,
      chunked: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      credential,
      junkKey: headerJunk,
      headers: fc.oneof({ weight: 2, arbitrary: fc.constant({}) }, { weight: 3, arbitrary: extraHeaders(fx) }),
    })
    .map((g) => {
      const notes: string[] = [];
      let clean = true;
      // Path.
      const params = g.params as PathValue[];
      let i = 0;
      let path = op.template.replace(/\{(\w+)\}/g, () => {
        const p = params[i++] as PathValue;
        if (!p.clean) clean = false;
        return p.value;
      });
      if (g.pathTwist !== "none") {
        clean = false;
        notes.push(`path twist ${g.pathTwist}`);
        path = twistPath(path, g.pathTwist, g.junkPath);
      }
      // Query.
      const parts: string[] = [];
      for (const q of g.query as (QueryPart | undefined)[]) {
        if (!q) continue;
        if (!q.clean) clean = false;
        parts.push(`${q.key}=${q.value}`);
      }
      if (op.sse && !parts.some((p) => p.startsWith("wait_seconds="))) parts.unshift("wait_seconds=1");
      for (const q of g.junkQuery) parts.push(`${q.key}=${q.value}`);
      if (g.junkQuery.length > 0 || g.tail !== "") clean = false;
      if (g.tail !== "") parts.push(g.tail);
      if (parts.length > 0) path += `?${parts.join("&")}`;
      // Body.
      let value = applyMutation(g.value, g.mutation);
      if (op.id === "Deliveries_poll") value = shortPoll(value);
      const text = serialize(value);
      let bytes = encode(text, g.encoding);
      // A bodiless long-poll is `{}` and waits its default 20 s: keep the run fast.
      if (op.id === "Deliveries_poll" && (bytes === undefined || bytes.length === 0)) bytes = Buffer.from('{"wait_seconds":0}');
      // Headers.
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(g.headers)) if (v !== undefined) headers[k] = v;
      if (op.sse && headers.accept !== undefined && headers.accept !== "text/event-stream" && headers.accept !== "*/*") notes.push("accept excludes SSE");
      const owner = params.find((p) => p.agent !== undefined)?.agent;
      Object.assign(headers, credentialHeaders(g.credential, owner, fx, g.junkKey));
      if (bytes !== undefined && g.contentType !== undefined) headers["content-type"] = g.contentType;
      const fitted = fitHeaderBlock(headers, path);
      if (fitted !== path) {
        path = fitted;
        clean = false;
        notes.push("path cut to fit the header block");
      }
      const request: FuzzRequest = {
        op,
        method: op.method,
        path,
        headers,
        body: bytes,
        chunked: g.chunked && bytes !== undefined,
        clean,
        describe() {
          const shown = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, typeof v === "string" && v.length > 120 ? `${v.slice(0, 60)}…(${v.length} chars)` : v]));
          return [
            `${op.method} ${JSON.stringify(path.length > 400 ? `${path.slice(0, 400)}…(${path.length} chars)` : path)}  [${op.id}${clean ? "" : ", junk path/query"}]`,
            `credential ${g.credential}; headers ${JSON.stringify(shown)}`,
            op.body || g.encoding.kind !== "empty" ? `body: mutation ${g.mutation.kind}, encoding ${g.encoding.kind}${g.chunked ? " (chunked)" : ""}, ${bytes?.length ?? 0} bytes: ${describeValue(value)}` : "no body",
            ...notes,
          ].join("\n  ");
        },
      };
      return Object.assign(request, { [fc.toStringMethod]: () => request.describe() });
    });
}

/**
 * Node answers a request line and headers over 16 KiB with its own 431 before the server's code
 * runs (see limits.e2e.test.ts); keep generated requests below that, so they reach the server.
 */
const HEADER_BLOCK_BUDGET = 15_000;
const PROTECTED = new Set(["x-api-key", "authorization", "content-type"]);

function fitHeaderBlock(headers: Record<string, string | string[]>, path: string): string {
  const size = () => Object.entries(headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
  while (size() + path.length > HEADER_BLOCK_BUDGET) {
    const longest = Object.entries(headers)
      .filter(([k]) => !PROTECTED.has(k))
      .sort(([, a], [, b]) => String(b).length - String(a).length)[0];
    if (!longest || String(longest[1]).length < 200) break;
    delete headers[longest[0]];
  }
  const room = Math.max(1_000, HEADER_BLOCK_BUDGET - size());
  return path.length > room ? path.slice(0, room) : path;
}

/** Long-polls wait at most a second: a missing or long `wait_seconds` becomes 1. */
function shortPoll(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value) || isRaw(value)) return value;
  const w = (value as { wait_seconds?: unknown }).wait_seconds;
  if (w === undefined || (typeof w === "number" && w > 1 && w <= 60)) return { ...value, wait_seconds: 1 };
  return value;
}

function twistPath(path: string, twist: string, junk: string): string {
  switch (twist) {
    case "trailing-slash":
      return `${path}/`;
    case "double-slash":
      return path.replace("/v1/", "//v1//");
    case "upper":
      return path.toUpperCase();
    case "dot-segment":
      return path.replace("/v1/", "/v1/x/../");
    case "encoded-literal":
      return path.replace("/v1/", "/%76%31/");
    case "extra-segment":
      return `${path}/${junk}`;
    case "backslash":
      return path.replaceAll("/", "\\").replace(/^\\/, "/");
    default:
      return `/${junk}`;
  }
}

function credentialHeaders(c: Credential, owner: string | undefined, fx: Fixtures, junk: string): Record<string, string> {
  const ownerKey = (owner && fx.keys[owner]) ?? fx.keys[fx.stable[0] as string] ?? fx.adminKey;
  const otherKey = fx.keys[fx.stable.find((a) => a !== owner) as string] ?? fx.adminKey;
  switch (c) {
    case "owner":
      return { "x-api-key": ownerKey };
    case "admin":
      return { "x-api-key": fx.adminKey };
    case "other":
      return { "x-api-key": otherKey };
    case "human":
      return { "x-api-key": fx.humanKey };
    case "none":
      return {};
    case "bad":
      return { "x-api-key": junk };
    case "revoked":
      return { "x-api-key": fx.revokedKey };
    case "bearer-owner":
      return { authorization: `Bearer ${ownerKey}` };
    case "bearer-junk":
      return { authorization: `Bearer ${junk}` };
    case "both":
      return { "x-api-key": ownerKey, authorization: `Bearer ${fx.adminKey}` };
    case "authorization-junk":
      return { authorization: junk };
  }
}
