/** What every workload gets: the profile (sizes, durations), pinning, the work dir, the log, the results. */
import type { Result } from "./measure.ts";
import type { Pinning } from "./proc.ts";

export interface Profile {
  name: "smoke" | "quick" | "full";
  reps: number;
  warmup: boolean;
  limitSeconds: number;
  w1Seconds: number;
  w1Concurrency: number[];
  w1Large: boolean;
  w2N: number;
  w3Rates: number[];
  w3Seconds: number;
  w3Sequential: number;
  w3ClosedSeconds: number;
  w4Connections: number;
  w4Wakeups: number;
  w5N: number;
  w5Receivers: number[];
  w5Variants: ("ok" | "fail10" | "slow200")[];
  w8N: number;
  /** W7: internal timers due in the same instant. */
  w7N: number;
  /** Extra API keys per busy agent: the server limits each key to 6,000 requests a minute. */
  keys: number;
  /** Our bindings run in W2/W3. */
  bindings: ("stream" | "poll" | "http")[];
}

export const PROFILES: Record<Profile["name"], Profile> = {
  smoke: { name: "smoke", reps: 1, warmup: false, limitSeconds: 0.5, w1Seconds: 0.5, w1Concurrency: [16], w1Large: false, w2N: 300, w3Rates: [200], w3Seconds: 0.5, w3Sequential: 20, w3ClosedSeconds: 0.5, w4Connections: 50, w4Wakeups: 20, w5N: 100, w5Receivers: [1], w5Variants: ["ok"], w8N: 200, w7N: 100, keys: 4, bindings: ["stream", "http"] },
  quick: { name: "quick", reps: 1, warmup: true, limitSeconds: 0.5, w1Seconds: 1, w1Concurrency: [64], w1Large: false, w2N: 2000, w3Rates: [200], w3Seconds: 1, w3Sequential: 50, w3ClosedSeconds: 0.5, w4Connections: 500, w4Wakeups: 100, w5N: 500, w5Receivers: [10], w5Variants: ["ok"], w8N: 500, w7N: 2000, keys: 32, bindings: ["stream", "poll", "http"] },
  full: { name: "full", reps: 5, warmup: true, limitSeconds: 3, w1Seconds: 5, w1Concurrency: [1, 16, 64], w1Large: true, w2N: 100_000, w3Rates: [100, 1000, 5000], w3Seconds: 5, w3Sequential: 1000, w3ClosedSeconds: 5, w4Connections: 10_000, w4Wakeups: 1000, w5N: 10_000, w5Receivers: [1, 10, 100], w5Variants: ["ok", "fail10", "slow200"], w8N: 100_000, w7N: 100_000, keys: 200, bindings: ["stream", "poll", "http"] },
};

export interface Ctx {
  profile: Profile;
  pinning: Pinning;
  workDir: string;
  log: (s: string) => void;
  results: Result[];
  limits: Record<string, unknown>;
  wantWorkload(id: string): boolean;
}
