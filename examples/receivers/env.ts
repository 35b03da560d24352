/** Settings every example reads from its environment. */
export function setting(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`${name} is not set\n`);
    process.exit(2);
  }
  return value;
}

export const baseUrl = process.env.AXP_BASE_URL ?? "http://127.0.0.1:8787";
