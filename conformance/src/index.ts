/**
 * axp-conformance: checks any AXP v1 implementation over HTTP — core API, the delivery bindings
 * and at-least-once semantics — and reports per case, per requirement.
 *
 * Subpaths: `axp-conformance/reporters` (renderers), `axp-conformance/sink` (the webhook sink
 * and signature verification), `axp-conformance/history` (the at-least-once history checker).
 *
 * @module
 */

/** Run the kit and get the canonical report; list the cases without running them. */
export { listCases, runConformance, type ConformanceOptions, type ProgressEvent } from "./run.ts";
/** Define a case (for kit authors and extensions). */
export { defineCase, type CaseContext, type CaseDefinition, type Need } from "./case.ts";
/** Kit error codes: stable, never reused. */
export { KIT_ERRORS, KitError, type KitErrorCode } from "./errors.ts";
/** The canonical report's types. */
export type { AssertionRecord, Binding, CaseResult, Profile, Report, SkipReason, Verdict } from "./report/types.ts";
/** The requirement registry the cases cite. */
export { REQUIREMENTS, SPEC_VERSION, type Requirement } from "./requirements.ts";
