/**
 * Seeded randomness. Every random choice of a run derives from `--seed`, and each case gets its
 * own stream (seed × case id), so a failing schedule replays with the same seed whatever other
 * cases ran alongside it.
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** A deterministic float in [0, 1) for a key, independent of call order. */
  for(key: string): number;
}

/** FNV-1a, 32 bits: a stable hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for test schedules. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The random stream of one case (or any named scope) under a run seed. */
export function createRandom(seed: number, scope: string): Random {
  const base = hash32(`${seed}:${scope}`);
  const next = mulberry32(base);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    for: (key) => mulberry32(hash32(`${base}:${key}`))(),
  };
}
