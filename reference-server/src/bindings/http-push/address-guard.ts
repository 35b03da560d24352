/**
 * Which addresses the platform may call back (SSRF protection for `callback_url`).
 *
 * A callback URL is checked twice: when an agent registers it (`checkCallbackUrl`), and again
 * at every connect (`guardedLookup`, installed as the HTTP agents' `lookup`), because DNS can
 * answer differently later (DNS rebinding). The connect-time check hands the very addresses it
 * checked to the socket, so there is no window between checking and connecting.
 */
import type { LookupAddress, LookupOptions } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";

/** What callback targets the server accepts beyond the public internet. */
export interface AddressPolicy {
  /** Allow 127.0.0.0/8 and ::1 (development, tests, a receiver on the same host). */
  allowLoopback: boolean;
  /**
   * Allow private networks: 10/8, 172.16/12, 192.168/16, CGNAT 100.64/10, fc00::/7 — but never a
   * cloud metadata address inside them (100.100.100.200, fd00:ec2::254).
   */
  allowPrivate: boolean;
  /**
   * Always allowed, whatever they are: exact host names (matched case-insensitively against the
   * URL's host, whatever it resolves to), IP addresses, or CIDRs such as `10.1.0.0/16`.
   */
  allowHosts: string[];
}

/** The verdict on an address or URL; `reason` is fit to show the agent that registered it. */
export type AddressCheck = { ok: true } | { ok: false; reason: string };

/** Resolves a host name to all of its addresses (the default uses the system resolver). */
export type HostLookup = (hostname: string) => Promise<readonly LookupAddress[]>;

/** The error a guarded connection fails with when the target resolves to a refused address. */
export class ForbiddenAddressError extends Error {
  readonly code = "ERR_FORBIDDEN_ADDRESS";
}

type Category = "metadata" | "loopback" | "private" | "link-local" | "unspecified" | "multicast" | "reserved";
type Family = "ipv4" | "ipv6";

// First match wins, so the single addresses :: and ::1 come before ::/96 that contains them.
// Each range gets its own BlockList so that the order is explicit and an IPv4 address is never
// compared with IPv6 rules (BlockList matches IPv4-mapped addresses across families by itself).
const SPECIAL_RANGES = (
  [
    // Cloud instance metadata services, which hand out credentials to whoever asks from inside
    // the instance: AWS, GCP, Azure and Oracle at 169.254.169.254, AWS over IPv6 at fd00:ec2::254,
    // Alibaba at 100.100.100.200. They sit inside the link-local, unique-local and CGNAT ranges
    // but are named first so that neither allowPrivate nor allowLoopback ever opens them; only an
    // explicit allowHosts entry does.
    ["metadata", "169.254.169.254", 32],
    ["metadata", "fd00:ec2::254", 128],
    ["metadata", "100.100.100.200", 32],
    // "This network"; connecting to 0.0.0.0 reaches the local host on Linux.
    ["unspecified", "0.0.0.0", 8],
    ["loopback", "127.0.0.0", 8],
    ["private", "10.0.0.0", 8],
    ["private", "172.16.0.0", 12],
    ["private", "192.168.0.0", 16],
    // Carrier-grade NAT shared space: not public, often the provider's own infrastructure.
    ["private", "100.64.0.0", 10],
    // Never opened by allowPrivate: nothing a webhook receiver should live on.
    ["link-local", "169.254.0.0", 16],
    ["reserved", "192.0.0.0", 24],
    ["reserved", "192.0.2.0", 24],
    ["reserved", "198.18.0.0", 15],
    ["reserved", "198.51.100.0", 24],
    ["reserved", "203.0.113.0", 24],
    ["multicast", "224.0.0.0", 4],
    // Includes the broadcast address 255.255.255.255.
    ["reserved", "240.0.0.0", 4],
    ["unspecified", "::", 128],
    ["loopback", "::1", 128],
    // Deprecated IPv4-compatible addresses.
    ["reserved", "::", 96],
    ["private", "64:ff9b:1::", 48],
    ["reserved", "100::", 64],
    ["reserved", "2001::", 23],
    ["reserved", "2001:db8::", 32],
    ["private", "fc00::", 7],
    ["link-local", "fe80::", 10],
    // Deprecated site-local addresses, private in practice.
    ["private", "fec0::", 10],
    ["multicast", "ff00::", 8],
  ] as const
).map(([category, network, prefix]) => {
  const family: Family = isIP(network) === 4 ? "ipv4" : "ipv6";
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { category: category as Category, family, list };
});

interface CompiledPolicy {
  hosts: Set<string>;
  allowed: BlockList;
}

const compiledPolicies = new WeakMap<AddressPolicy, CompiledPolicy>();

/**
 * A policy object is compiled once and the result cached, so the connect-time check costs no
 * parsing; treat a policy as immutable and build a new object to change it.
 */
function compile(policy: AddressPolicy): CompiledPolicy {
  const cached = compiledPolicies.get(policy);
  if (cached) return cached;
  const hosts = new Set<string>();
  const allowed = new BlockList();
  for (const entry of policy.allowHosts) {
    const slash = entry.indexOf("/");
    const network = slash === -1 ? entry : entry.slice(0, slash);
    const family = isIP(network);
    if (family === 0 && slash === -1) {
      hosts.add(normalizeHost(entry));
      continue;
    }
    const maxPrefix = family === 4 ? 32 : 128;
    const prefixText = slash === -1 ? String(maxPrefix) : entry.slice(slash + 1);
    const prefix = Number(prefixText);
    if (family === 0 || !/^\d{1,3}$/.test(prefixText) || prefix > maxPrefix) {
      throw new RangeError(`allowHosts entry "${entry}" is neither a host name, an IP address nor a CIDR`);
    }
    allowed.addSubnet(network, prefix, family === 4 ? "ipv4" : "ipv6");
  }
  const compiled = { hosts, allowed };
  compiledPolicies.set(policy, compiled);
  return compiled;
}

function normalizeHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, "");
}

/** Strips URL brackets and an IPv6 zone id (`fe80::1%eth0`), which BlockList does not understand. */
function bareAddress(address: string): string {
  const unbracketed = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const zone = unbracketed.indexOf("%");
  return zone === -1 ? unbracketed : unbracketed.slice(0, zone);
}

/** The eight 16-bit groups of a valid IPv6 address, including the `::ffff:1.2.3.4` notation. */
function ipv6Groups(address: string): number[] {
  let text = address;
  const tailStart = text.lastIndexOf(":") + 1;
  const tail = text.slice(tailStart);
  if (tail.includes(".")) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split(".").map(Number);
    text = `${text.slice(0, tailStart)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", rest] = text.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = rest === undefined || rest === "" ? [] : rest.split(":");
  const zeros: string[] = new Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}

function ipv4FromGroups(high: number, low: number): string {
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/** The IPv4 address an IPv4-mapped IPv6 address (::ffff:0:0/96) stands for. */
function mappedIPv4(groups: number[]): string | undefined {
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  return g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff
    ? ipv4FromGroups(g6, g7)
    : undefined;
}

/**
 * The IPv4 address carried inside a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address: a
 * translator or relay would deliver to it, so it must pass the IPv4 rules too.
 */
function tunnelledIPv4(groups: number[]): string | undefined {
  const [g0, g1 = 0, g2 = 0, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4FromGroups(g6, g7);
  if (g0 === 0x2002) return ipv4FromGroups(g1, g2);
  return undefined;
}

function categorize(address: string, family: Family): Category | undefined {
  return SPECIAL_RANGES.find((range) => range.family === family && range.list.check(address, family))?.category;
}

/**
 * Whether `address` (an IPv4 or IPv6 literal, brackets and zone id tolerated) may be called
 * under `policy`. IPv4-mapped IPv6 addresses are judged as the IPv4 address they stand for, and
 * NAT64 and 6to4 addresses by the IPv4 address they carry as well.
 */
export function checkAddress(address: string, policy: AddressPolicy): AddressCheck {
  const bare = bareAddress(address);
  const version = isIP(bare);
  if (version === 0) return { ok: false, reason: `${address} is not an IP address` };
  let subject = bare;
  let family: Family = version === 4 ? "ipv4" : "ipv6";
  let tunnelled: string | undefined;
  if (version === 6) {
    const groups = ipv6Groups(bare);
    const mapped = mappedIPv4(groups);
    if (mapped === undefined) {
      tunnelled = tunnelledIPv4(groups);
    } else {
      subject = mapped;
      family = "ipv4";
    }
  }
  if (compile(policy).allowed.check(subject, family)) return { ok: true };
  const own = categorize(subject, family);
  const inner = own === undefined && tunnelled !== undefined ? categorize(tunnelled, "ipv4") : undefined;
  const category = own ?? inner;
  if (category === undefined) return { ok: true };
  if (category === "loopback" && policy.allowLoopback) return { ok: true };
  if (category === "private" && policy.allowPrivate) return { ok: true };
  const judged = inner === undefined ? subject : tunnelled;
  const what = judged === bare ? bare : `${bare} (${inner === undefined ? "maps to" : "carries"} ${judged})`;
  return { ok: false, reason: `${what} is ${/^[aeiou]/.test(category) ? "an" : "a"} ${category} address` };
}

const lookupAll: HostLookup = (hostname) => dnsLookup(hostname, { all: true });

/**
 * All addresses of `hostname`, or a rejection: a `ForbiddenAddressError` when any of them is
 * refused (one bad address is enough: the socket may pick any of them), else the resolver's error.
 */
async function resolveAllowed(hostname: string, policy: AddressPolicy, lookup: HostLookup): Promise<readonly LookupAddress[]> {
  const bare = bareAddress(hostname);
  const literal = isIP(bare);
  const addresses = literal === 0 ? await lookup(bare) : [{ address: bare, family: literal }];
  if (compile(policy).hosts.has(normalizeHost(bare))) return addresses;
  if (addresses.length === 0) throw notFound(bare);
  for (const { address } of addresses) {
    const check = checkAddress(address, policy);
    if (!check.ok) {
      throw new ForbiddenAddressError(literal === 0 ? `${bare} resolves to a refused address: ${check.reason}` : check.reason);
    }
  }
  return addresses;
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`no usable address for ${hostname}`), { code: "ENOTFOUND", hostname });
}

/** A callback URL that passed the syntactic checks; `host` is its hostname without IPv6 brackets. */
export type ParsedCallbackUrl = { ok: true; url: URL; host: string } | { ok: false; reason: string };

/**
 * The syntactic half of the callback URL check, shared with the dispatcher: an absolute `http:`
 * or `https:` URL without credentials. IPv4 written in decimal, hex or octal (`http://2130706433/`)
 * comes out normalised by the WHATWG parser, so the address checks see `127.0.0.1`.
 */
export function parseCallbackUrl(url: string): ParsedCallbackUrl {
  if (!URL.canParse(url)) return { ok: false, reason: "the callback URL is not an absolute URL" };
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { ok: false, reason: `the callback URL scheme must be http or https, not ${parsed.protocol.slice(0, -1)}` };
  }
  // Credentials in a URL end up in logs and would be sent to whoever the URL points at later;
  // the webhook signature is the authentication.
  if (parsed.username !== "" || parsed.password !== "") {
    return { ok: false, reason: "the callback URL must not contain credentials" };
  }
  return { ok: true, url: parsed, host: bareAddress(parsed.hostname) };
}

/**
 * Whether an agent may register `url` as its callback: `parseCallbackUrl` accepts it and its host
 * resolves only to addresses the policy allows. Never rejects.
 */
export async function checkCallbackUrl(url: string, policy: AddressPolicy, lookup: HostLookup = lookupAll): Promise<AddressCheck> {
  const parsed = parseCallbackUrl(url);
  if (!parsed.ok) return parsed;
  try {
    await resolveAllowed(parsed.host, policy, lookup);
    return { ok: true };
  } catch (error) {
    if (error instanceof ForbiddenAddressError) return { ok: false, reason: error.message };
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { ok: false, reason: `cannot resolve ${parsed.host} (${code})` };
  }
}

function wantedFamily(family: LookupOptions["family"]): 4 | 6 | undefined {
  if (family === 4 || family === "IPv4") return 4;
  if (family === 6 || family === "IPv6") return 6;
  return undefined;
}

/**
 * A `lookup` for `net.connect`, `http.Agent` and `https.Agent` that resolves the host and fails
 * the connection with a `ForbiddenAddressError` when any resolved address is refused: the
 * connect-time re-check against DNS rebinding. It answers both call shapes Node uses (`all: true`
 * for happy eyeballs, and a single address). Node skips `lookup` for IP-literal hosts, so callers
 * must check those with `checkAddress` themselves.
 *
 * @throws RangeError when `policy.allowHosts` holds an entry that is no host name, address or CIDR
 * (checked here, so a bad configuration fails at start-up rather than at the first connection).
 */
export function guardedLookup(policy: AddressPolicy, lookup: HostLookup = lookupAll): LookupFunction {
  compile(policy);
  return (hostname, options, callback) => {
    resolveAllowed(hostname, policy, lookup).then(
      (addresses) => {
        const family = wantedFamily(options.family);
        const usable = family === undefined ? addresses : addresses.filter((address) => address.family === family);
        const first = usable[0];
        if (first === undefined) callback(notFound(hostname), "");
        else if (options.all) callback(null, [...usable]);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}
