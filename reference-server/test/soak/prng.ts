/**
 * A seeded pseudo-random generator for the soak test, so that a failing run's decisions (which
 * receiver misbehaves how, when the server is killed) can be replayed with its seed.
 */

/**
 * mulberry32: small, fast, and good enough to pick faults; returns numbers in [0, 1).
 *
 * @example
 * const random = seededRandom(42);
 * random(); // the same sequence for the same seed, every time
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed from AXP_SOAK_SEED, or a fresh one. */
export function soakSeed(): number {
  const given = process.env["AXP_SOAK_SEED"];
  if (given !== undefined && given !== "") {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`AXP_SOAK_SEED must be an integer in [0, 2^32): ${given}`);
    return seed;
  }
  return Math.floor(Math.random() * 0xffffffff);
}

/** One of `choices` with probability proportional to its weight. */
export function weighted<T extends string>(random: () => number, choices: Readonly<Record<T, number>>): T {
  const entries = Object.entries(choices) as [T, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [choice, weight] of entries) {
    roll -= weight;
    if (roll < 0) return choice;
  }
  return entries[entries.length - 1]![0];
}
