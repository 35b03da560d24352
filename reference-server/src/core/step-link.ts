/** How a step intent names the workflow run it belongs to (in its payload). */

/** The payload field that links a step intent to its run. */
export interface StepLink {
  parent_intent_id: string;
  step_id: string;
  attempt: number;
}

/** The run a step intent belongs to, from its payload. */
export function stepLink(payload: Record<string, unknown>): StepLink | undefined {
  const link = payload["workflow"] as Partial<StepLink> | undefined;
  return link && typeof link.parent_intent_id === "string" && typeof link.step_id === "string" ? (link as StepLink) : undefined;
}
