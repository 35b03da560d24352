/**
 * The AXP requirement registry: load and validate `spec/requirements.yaml`, and render
 * `generated/requirements.json` from it.
 *
 * Every normative rule of AXP v1 has a stable id `AXP-<AREA>-<NNN>`. Ids are never reused,
 * renumbered or deleted: a rule that no longer applies is marked `retired: true` with a
 * `retired_reason` and keeps its text. The validator enforces this mechanically — within an
 * area, ids must run 001, 002, 003… in file order with no gap — so a deleted, reused or
 * renumbered id fails the build instead of silently changing what a conformance case cites.
 *
 * @example
 * ```ts
 * import { loadRequirements, renderRequirementsJson } from "./requirements.ts";
 * const reqs = loadRequirements("spec/requirements.yaml");
 * writeFileSync("generated/requirements.json", renderRequirementsJson(reqs));
 * ```
 */
import { readFileSync } from "node:fs";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";

/** The protocol version the registry describes; `version:` in the YAML must equal it. */
export const REQUIREMENTS_VERSION = "v1";

/** The `$comment` of `generated/requirements.json`. */
export const GENERATED_COMMENT = "Generated from spec/requirements.yaml by npm run generate. Do not edit.";

/** RFC 2119 levels, strongest first. */
export const LEVELS = ["MUST", "SHOULD", "MAY"] as const;
export type Level = (typeof LEVELS)[number];

/** The delivery bindings a requirement may be specific to. */
export const BINDINGS = ["stream", "poll", "http", "inbox", "internal"] as const;
export type Binding = (typeof BINDINGS)[number];

/**
 * Who a requirement binds: the server (the default), clients of the API, or receivers of
 * deliveries (agents behind a binding, webhook endpoints). Only server rules are checked
 * against a server; the conformance kit meets client and receiver rules itself.
 */
export const SUBJECTS = ["server", "client", "receiver"] as const;
export type Subject = (typeof SUBJECTS)[number];

/** `AXP-<AREA>-<NNN>`: area in uppercase letters, number in three digits. */
export const ID_PATTERN = /^AXP-([A-Z]+)-(\d{3})$/;

/** Longest accepted `title` (characters). */
export const MAX_TITLE_LENGTH = 80;

/** Longest accepted `text` (characters): one or two sentences, not an essay. */
export const MAX_TEXT_LENGTH = 700;

/** One normative requirement. Optional keys are present only when they carry information. */
export interface Requirement {
  /** `AXP-<AREA>-<NNN>`, stable forever. */
  readonly id: string;
  /** The `<AREA>` part of the id. */
  readonly area: string;
  readonly level: Level;
  readonly title: string;
  readonly text: string;
  /** Who the rule binds. */
  readonly subject: Subject;
  /** The bindings the requirement is specific to; absent when it applies to all. */
  readonly bindings?: readonly Binding[];
  /**
   * False for a server rule that cannot be observed from outside the server (how keys are
   * stored, timing of comparisons); `observable_reason` says why. Absent when observable.
   */
  readonly observable?: false;
  readonly observable_reason?: string;
  /** True when the rule is an AXP v1 extension, absent from the public AXP API. */
  readonly extension?: true;
  /** True when the rule no longer applies; the id stays reserved. */
  readonly retired?: true;
  readonly retired_reason?: string;
}

/** Thrown by {@link parseRequirements} and {@link loadRequirements}; `problems` lists every problem found. */
export class RequirementsError extends Error {
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[]) {
    const noun = problems.length === 1 ? "problem" : "problems";
    super(`${source}: ${problems.length} ${noun}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "RequirementsError";
    this.problems = problems;
  }
}

const TOP_LEVEL_KEYS = new Set(["version", "areas", "requirements"]);
const ENTRY_KEYS = new Set(["id", "level", "title", "text", "subject", "bindings", "observable", "observable_reason", "extension", "retired", "retired_reason"]);
const AREA_PATTERN = /^[A-Z]+$/;
const ID_REFERENCE = /\bAXP-[A-Z]+-\d{3}\b/g;

/** RFC 2119 keyword of each level, and the stronger keywords its text must not use. */
const KEYWORDS: Record<Level, { readonly own: RegExp; readonly stronger: readonly [string, RegExp][] }> = {
  MUST: { own: /\bMUST\b/, stronger: [] },
  SHOULD: { own: /\bSHOULD\b/, stronger: [["MUST", /\bMUST\b/]] },
  MAY: {
    own: /\bMAY\b/,
    stronger: [
      ["MUST", /\bMUST\b/],
      ["SHOULD", /\bSHOULD\b/],
    ],
  },
};

/**
 * Read and validate a requirement registry file.
 *
 * @param path - the YAML file, e.g. `spec/requirements.yaml`
 * @returns the requirements in file order
 * @throws RequirementsError listing every problem, when the file is invalid
 */
export function loadRequirements(path: string): Requirement[] {
  return parseRequirements(readFileSync(path, "utf8"), path);
}

/**
 * Validate registry YAML text. Collects every problem before throwing, so one run shows
 * the author everything to fix.
 *
 * @param text - the YAML text
 * @param source - the name used in messages, e.g. the file path
 * @returns the requirements in file order
 * @throws RequirementsError listing every problem
 */
export function parseRequirements(text: string, source = "<requirements>"): Requirement[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new RequirementsError(
      source,
      doc.errors.map((e) => `YAML: ${e.message.split("\n")[0] ?? e.message}`),
    );
  }

  const problems: string[] = [];
  const root: unknown = doc.toJS();
  if (!isPlainObject(root)) {
    throw new RequirementsError(source, ["the file must be a mapping with keys version, areas and requirements"]);
  }

  for (const key of Object.keys(root)) {
    if (!TOP_LEVEL_KEYS.has(key)) problems.push(`unknown top-level key "${key}"`);
  }
  if (root["version"] !== REQUIREMENTS_VERSION) {
    problems.push(`version must be "${REQUIREMENTS_VERSION}", got ${JSON.stringify(root["version"] ?? null)}`);
  }

  const areas = new Set<string>();
  const areasValue = root["areas"];
  if (!isPlainObject(areasValue) || Object.keys(areasValue).length === 0) {
    problems.push("areas must be a non-empty mapping of AREA: description");
  } else {
    for (const [area, description] of Object.entries(areasValue)) {
      if (!AREA_PATTERN.test(area)) problems.push(`area "${area}" must be uppercase letters only`);
      if (!isNonEmptyString(description)) problems.push(`area ${area} needs a non-empty description`);
      areas.add(area);
    }
  }

  const list = root["requirements"];
  if (!Array.isArray(list) || list.length === 0) {
    problems.push("requirements must be a non-empty list");
    throw new RequirementsError(source, problems);
  }

  // Line numbers of the list items, for messages an author can jump to.
  const seqNode = doc.get("requirements", true);
  const lineOf = (index: number): number | undefined => {
    if (!isSeq(seqNode)) return undefined;
    const item = seqNode.items[index];
    const offset = isMap(item) ? item.range?.[0] : undefined;
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };

  const reqs: Requirement[] = [];
  const firstLineOfId = new Map<string, string>();
  const lastNumberOfArea = new Map<string, number>();

  list.forEach((raw: unknown, index) => {
    const line = lineOf(index);
    const where = line === undefined ? `requirements[${index}]` : `line ${line}`;
    if (!isPlainObject(raw)) {
      problems.push(`${where}: each requirement must be a mapping`);
      return;
    }
    const idValue = raw["id"];
    const label = `${where} (${typeof idValue === "string" ? idValue : `requirements[${index}]`})`;
    const report = (message: string): void => {
      problems.push(`${label}: ${message}`);
    };

    for (const key of Object.keys(raw)) {
      if (!ENTRY_KEYS.has(key)) {
        report(`unknown key "${key}"${key === "binding" ? ' (use "bindings", a list)' : ""}`);
      }
    }

    // id: pattern, declared area, uniqueness, and order within the area.
    let id = "";
    let area = "";
    const match = typeof idValue === "string" ? ID_PATTERN.exec(idValue) : null;
    if (typeof idValue !== "string" || match === null) {
      report(`id must match AXP-<AREA>-<NNN> (uppercase letters, three digits), got ${JSON.stringify(idValue ?? null)}`);
    } else {
      id = idValue;
      area = match[1] ?? "";
      const number = Number(match[2]);
      if (areas.size > 0 && !areas.has(area)) report(`area ${area} is not declared under areas`);
      const firstAt = firstLineOfId.get(id);
      if (firstAt !== undefined) {
        report(`duplicate id ${id}, first defined at ${firstAt} (ids are never reused)`);
      } else {
        firstLineOfId.set(id, where);
        const last = lastNumberOfArea.get(area) ?? 0;
        if (number === 0) {
          report("numbering starts at 001");
        } else if (number < last) {
          report(
            `id out of order: ${id} comes after ${formatId(area, last)}; ids within an area must be strictly increasing in file order (never renumber)`,
          );
        } else if (number > last + 1) {
          const missing = number === last + 2 ? formatId(area, last + 1) : `${formatId(area, last + 1)}..${formatId(area, number - 1)}`;
          report(`id gap: ${id} follows ${last === 0 ? "nothing" : formatId(area, last)}, so ${missing} is missing (ids are never deleted: retire a requirement instead)`);
        }
        lastNumberOfArea.set(area, Math.max(last, number));
      }
    }

    // level
    const levelValue = raw["level"];
    const level = isLevel(levelValue) ? levelValue : undefined;
    if (level === undefined) report(`level must be one of ${LEVELS.join(", ")}, got ${JSON.stringify(levelValue ?? null)}`);

    // title
    const titleValue = raw["title"];
    let title = "";
    if (!isNonEmptyString(titleValue)) {
      report("title must be a non-empty string");
    } else {
      title = titleValue.trim();
      if (title.includes("\n")) report("title must be a single line");
      if (title.length > MAX_TITLE_LENGTH) report(`title is longer than ${MAX_TITLE_LENGTH} characters`);
    }

    // retired / retired_reason
    const retiredValue = raw["retired"];
    const reasonValue = raw["retired_reason"];
    if (retiredValue !== undefined && typeof retiredValue !== "boolean") report("retired must be true or false");
    const retired = retiredValue === true;
    if (retired && !isNonEmptyString(reasonValue)) report("a retired requirement needs a non-empty retired_reason");
    if (!retired && reasonValue !== undefined) report("retired_reason is only allowed with retired: true");

    // text
    const textValue = raw["text"];
    let text = "";
    if (!isNonEmptyString(textValue)) {
      report(retired ? "text must not be empty: a retired requirement keeps its text" : "text must be a non-empty string");
    } else {
      text = textValue.trim();
      if (text.length > MAX_TEXT_LENGTH) report(`text is longer than ${MAX_TEXT_LENGTH} characters; split the requirement`);
      if (level !== undefined) {
        const { own, stronger } = KEYWORDS[level];
        if (!own.test(text)) report(`text of a ${level} requirement must use the keyword ${level}`);
        for (const [word, pattern] of stronger) {
          if (pattern.test(text)) report(`text of a ${level} requirement uses ${word}; make the level ${word} or reword`);
        }
      }
    }

    // bindings
    const bindingsValue = raw["bindings"];
    let bindings: Binding[] | undefined;
    if (bindingsValue !== undefined) {
      if (!Array.isArray(bindingsValue) || bindingsValue.length === 0) {
        report(`bindings must be a non-empty list of ${BINDINGS.join(", ")}`);
      } else {
        bindings = [];
        for (const b of bindingsValue) {
          if (!isBinding(b)) report(`unknown binding ${JSON.stringify(b)}; use ${BINDINGS.join(", ")}`);
          else if (bindings.includes(b)) report(`binding ${b} is listed twice`);
          else bindings.push(b);
        }
      }
    }

    // subject / observable / observable_reason
    const subjectValue = raw["subject"] ?? "server";
    const subject = isSubject(subjectValue) ? subjectValue : undefined;
    if (subject === undefined) report(`subject must be one of ${SUBJECTS.join(", ")}, got ${JSON.stringify(subjectValue)}`);
    const observableValue = raw["observable"];
    const observableReason = raw["observable_reason"];
    if (observableValue !== undefined && observableValue !== false) report("observable may only be false (observable is the default)");
    const unobservable = observableValue === false;
    if (unobservable && !isNonEmptyString(observableReason)) report("observable: false needs a non-empty observable_reason");
    if (!unobservable && observableReason !== undefined) report("observable_reason is only allowed with observable: false");
    if (unobservable && subject !== undefined && subject !== "server") report(`observable: false is for server rules; a ${subject} rule is never checked against a server`);

    // extension
    const extensionValue = raw["extension"];
    if (extensionValue !== undefined && typeof extensionValue !== "boolean") report("extension must be true or false");

    if (id === "" || level === undefined || subject === undefined) return;
    reqs.push({
      id,
      area,
      level,
      title,
      text,
      subject,
      ...(bindings !== undefined && bindings.length > 0 ? { bindings } : {}),
      ...(unobservable ? { observable: false as const, observable_reason: String(observableReason).trim() } : {}),
      ...(extensionValue === true ? { extension: true as const } : {}),
      ...(retired ? { retired: true as const, retired_reason: String(reasonValue).trim() } : {}),
    });
  });

  // Cross-references in live requirements must name live requirements.
  const byId = new Map(reqs.map((r) => [r.id, r]));
  for (const req of reqs) {
    if (req.retired === true) continue;
    for (const ref of new Set(req.text.match(ID_REFERENCE) ?? [])) {
      const target = byId.get(ref);
      if (target === undefined) problems.push(`${req.id}: text refers to unknown requirement ${ref}`);
      else if (target.retired === true) problems.push(`${req.id}: text refers to retired requirement ${ref}`);
    }
  }

  if (problems.length > 0) throw new RequirementsError(source, problems);
  return reqs;
}

/**
 * Render `generated/requirements.json`. Keys come in a fixed order and entries in registry
 * order, so the output is byte-for-byte stable for a given input.
 *
 * @param reqs - validated requirements, e.g. from {@link loadRequirements}
 * @returns the JSON text, ending with a newline
 */
export function renderRequirementsJson(reqs: readonly Requirement[]): string {
  const requirements = reqs.map((r) => ({
    id: r.id,
    area: r.area,
    level: r.level,
    title: r.title,
    text: r.text,
    subject: r.subject,
    ...(r.bindings !== undefined ? { bindings: [...r.bindings] } : {}),
    ...(r.observable === false ? { observable: false, observable_reason: r.observable_reason ?? "" } : {}),
    ...(r.extension === true ? { extension: true } : {}),
    ...(r.retired === true ? { retired: true, retired_reason: r.retired_reason ?? "" } : {}),
  }));
  const doc = {
    $comment: GENERATED_COMMENT,
    version: REQUIREMENTS_VERSION,
    count: requirements.length,
    requirements,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function formatId(area: string, n: number): string {
  return `AXP-${area}-${String(n).padStart(3, "0")}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

function isLevel(value: unknown): value is Level {
  return typeof value === "string" && (LEVELS as readonly string[]).includes(value);
}

function isSubject(value: unknown): value is Subject {
  return typeof value === "string" && (SUBJECTS as readonly string[]).includes(value);
}

function isBinding(value: unknown): value is Binding {
  return typeof value === "string" && (BINDINGS as readonly string[]).includes(value);
}
