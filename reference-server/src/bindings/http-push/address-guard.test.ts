import type { LookupAddress, LookupOptions } from "node:dns";
import { describe, expect, test } from "vitest";
import {
  checkAddress,
  checkCallbackUrl,
  ForbiddenAddressError,
  guardedLookup,
  type AddressPolicy,
  type HostLookup,
} from "./address-guard.ts";

const STRICT: AddressPolicy = { allowLoopback: false, allowPrivate: false, allowHosts: [] };
const LOOPBACK_OK: AddressPolicy = { allowLoopback: true, allowPrivate: false, allowHosts: [] };
const PRIVATE_OK: AddressPolicy = { allowLoopback: false, allowPrivate: true, allowHosts: [] };
const ALLOW_LISTED: AddressPolicy = {
  allowLoopback: false,
  allowPrivate: false,
  allowHosts: ["10.1.0.0/16", "fd00:1::/32", "169.254.169.254", "Hooks.Internal."],
};

/** Which of STRICT, LOOPBACK_OK, PRIVATE_OK and ALLOW_LISTED accept the address. */
interface Verdicts {
  strict: boolean;
  loopback: boolean;
  private: boolean;
  listed: boolean;
}
const PUBLIC: Verdicts = { strict: true, loopback: true, private: true, listed: true };
const NEVER: Verdicts = { strict: false, loopback: false, private: false, listed: false };
const LOOPBACK: Verdicts = { strict: false, loopback: true, private: false, listed: false };
const PRIVATE: Verdicts = { strict: false, loopback: false, private: true, listed: false };
const PRIVATE_LISTED: Verdicts = { strict: false, loopback: false, private: true, listed: true };

describe("checkAddress", () => {
  const cases: [string, { given: string; want: Verdicts }][] = [
    ["public IPv4", { given: "93.184.215.14", want: PUBLIC }],
    ["public IPv6", { given: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", want: PUBLIC }],
    ["public IPv4, IPv4-mapped", { given: "::ffff:93.184.215.14", want: PUBLIC }],
    ["just outside 172.16/12", { given: "172.32.0.1", want: PUBLIC }],
    ["just outside CGNAT", { given: "100.128.0.1", want: PUBLIC }],
    ["loopback 127.0.0.1", { given: "127.0.0.1", want: LOOPBACK }],
    ["loopback anywhere in 127/8", { given: "127.255.0.9", want: LOOPBACK }],
    ["loopback ::1", { given: "::1", want: LOOPBACK }],
    ["loopback ::1 in URL brackets", { given: "[::1]", want: LOOPBACK }],
    ["loopback, IPv4-mapped dotted", { given: "::ffff:127.0.0.1", want: LOOPBACK }],
    ["loopback, IPv4-mapped hex (as the URL parser writes it)", { given: "::ffff:7f00:1", want: LOOPBACK }],
    ["loopback, IPv4-mapped fully written", { given: "0:0:0:0:0:ffff:7f00:1", want: LOOPBACK }],
    ["private 10/8", { given: "10.0.0.1", want: PRIVATE }],
    ["private 10/8, allow-listed CIDR", { given: "10.1.2.3", want: PRIVATE_LISTED }],
    ["private 10/8, allow-listed CIDR, IPv4-mapped", { given: "::ffff:10.1.2.3", want: PRIVATE_LISTED }],
    ["private 172.16/12", { given: "172.31.255.254", want: PRIVATE }],
    ["private 192.168/16", { given: "192.168.1.1", want: PRIVATE }],
    ["private 192.168/16, IPv4-mapped", { given: "::ffff:c0a8:101", want: PRIVATE }],
    ["CGNAT 100.64/10", { given: "100.64.0.1", want: PRIVATE }],
    ["unique local fc00::/7", { given: "fd12:3456::1", want: PRIVATE }],
    ["unique local, allow-listed CIDR", { given: "fd00:1:2::3", want: PRIVATE_LISTED }],
    ["link-local 169.254/16", { given: "169.254.1.1", want: NEVER }],
    ["cloud metadata, allow-listed exactly", { given: "169.254.169.254", want: { ...NEVER, listed: true } }],
    ["cloud metadata, IPv4-mapped (the allow-list covers it too)", { given: "::ffff:169.254.169.254", want: { ...NEVER, listed: true } }],
    ["AWS metadata over IPv6, not opened by allowPrivate", { given: "fd00:ec2::254", want: NEVER }],
    ["AWS metadata over IPv6, written out in full", { given: "fd00:0ec2:0000:0000:0000:0000:0000:0254", want: NEVER }],
    ["the AWS metadata address's unique-local neighbour is only private", { given: "fd00:ec2::253", want: PRIVATE }],
    ["Alibaba metadata inside CGNAT, not opened by allowPrivate", { given: "100.100.100.200", want: NEVER }],
    ["Alibaba metadata, IPv4-mapped", { given: "::ffff:100.100.100.200", want: NEVER }],
    ["link-local fe80::/10", { given: "fe80::1", want: NEVER }],
    ["link-local with a zone id", { given: "fe80::1%eth0", want: NEVER }],
    ["unspecified 0.0.0.0", { given: "0.0.0.0", want: NEVER }],
    ["this-network 0/8", { given: "0.1.2.3", want: NEVER }],
    ["unspecified ::", { given: "::", want: NEVER }],
    ["unspecified, IPv4-mapped", { given: "::ffff:0.0.0.0", want: NEVER }],
    ["multicast 224/4", { given: "239.255.255.250", want: NEVER }],
    ["multicast ff00::/8", { given: "ff02::1", want: NEVER }],
    ["broadcast", { given: "255.255.255.255", want: NEVER }],
    ["reserved 240/4", { given: "240.0.0.1", want: NEVER }],
    ["documentation TEST-NET-1", { given: "192.0.2.10", want: NEVER }],
    ["documentation 2001:db8::/32", { given: "2001:db8::1", want: NEVER }],
    ["benchmarking 198.18/15", { given: "198.19.0.1", want: NEVER }],
    ["IPv4-compatible (deprecated)", { given: "::7f00:1", want: NEVER }],
    ["NAT64 of loopback is judged as loopback", { given: "64:ff9b::127.0.0.1", want: LOOPBACK }],
    ["NAT64 of a public address", { given: "64:ff9b::5db8:d70e", want: PUBLIC }],
    ["6to4 of a private address", { given: "2002:a00:1::1", want: { ...NEVER, private: true } }],
    ["6to4 of a public address", { given: "2002:5db8:d70e::1", want: PUBLIC }],
  ];
  test.each(cases)("%s", (_name, { given, want }) => {
    const got: Verdicts = {
      strict: checkAddress(given, STRICT).ok,
      loopback: checkAddress(given, LOOPBACK_OK).ok,
      private: checkAddress(given, PRIVATE_OK).ok,
      listed: checkAddress(given, ALLOW_LISTED).ok,
    };
    expect(got).toEqual(want);
  });

  test("the reason names the address and what it maps to", () => {
    expect(checkAddress("::ffff:7f00:1", STRICT)).toEqual({
      ok: false,
      reason: "::ffff:7f00:1 (maps to 127.0.0.1) is a loopback address",
    });
    expect(checkAddress("169.254.169.254", PRIVATE_OK)).toEqual({
      ok: false,
      reason: "169.254.169.254 is a metadata address",
    });
    expect(checkAddress("169.254.1.1", PRIVATE_OK)).toEqual({
      ok: false,
      reason: "169.254.1.1 is a link-local address",
    });
  });

  test("only an explicit allow-list entry opens a metadata address", () => {
    const everything: AddressPolicy = { allowLoopback: true, allowPrivate: true, allowHosts: [] };
    for (const address of ["169.254.169.254", "fd00:ec2::254", "100.100.100.200"]) {
      expect(checkAddress(address, everything)).toEqual({ ok: false, reason: `${address} is a metadata address` });
      expect(checkAddress(address, { ...STRICT, allowHosts: [address] })).toEqual({ ok: true });
    }
  });

  test("a malformed allowHosts entry is a configuration error", () => {
    expect(() => checkAddress("8.8.8.8", { ...STRICT, allowHosts: ["10.0.0.0/33"] })).toThrow(RangeError);
    expect(() => checkAddress("8.8.8.8", { ...STRICT, allowHosts: ["hooks.internal/8"] })).toThrow(RangeError);
  });
});

/** A resolver answering from a table; unknown names fail like getaddrinfo does. */
function fakeLookup(table: Record<string, string[]>): HostLookup {
  return async (hostname) => {
    // Like a real resolver, a trailing dot (a fully qualified name) names the same host.
    const addresses = table[hostname.replace(/\.$/, "")];
    if (addresses === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    }
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

const DNS = fakeLookup({
  "hooks.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
  "rebind.example.com": ["93.184.215.14", "127.0.0.1"],
  "metadata.example.com": ["169.254.169.254"],
  "ula.example.com": ["fd12:3456::1"],
  "cgnat.example.com": ["100.64.0.1"],
  "mapped.example.com": ["::ffff:127.0.0.1"],
  "hooks.internal": ["10.9.9.9"],
  "empty.example.com": [],
});

describe("checkCallbackUrl", () => {
  const cases: [string, { given: [string, AddressPolicy]; want: boolean | string }][] = [
    ["public host", { given: ["https://hooks.example.com/axp", STRICT], want: true }],
    ["public IP with a port", { given: ["http://93.184.215.14:8080/hook", STRICT], want: true }],
    ["a host with one loopback address among public ones", { given: ["https://rebind.example.com/", STRICT], want: "rebind.example.com resolves to a refused address: 127.0.0.1 is a loopback address" }],
    ["a host resolving to the metadata service", { given: ["http://metadata.example.com/", PRIVATE_OK], want: "metadata.example.com resolves to a refused address: 169.254.169.254 is a metadata address" }],
    ["an allow-listed host name, whatever it resolves to (trailing dot and case ignored)", { given: ["https://HOOKS.internal./x", ALLOW_LISTED], want: true }],
    ["the same host without the allow-list", { given: ["https://hooks.internal/x", STRICT], want: "hooks.internal resolves to a refused address: 10.9.9.9 is a private address" }],
    ["loopback literal", { given: ["http://127.0.0.1:3000/", STRICT], want: "127.0.0.1 is a loopback address" }],
    ["loopback literal, allowed", { given: ["http://127.0.0.1:3000/", LOOPBACK_OK], want: true }],
    ["IPv6 loopback literal", { given: ["http://[::1]:3000/", STRICT], want: "::1 is a loopback address" }],
    ["IPv4-mapped loopback literal", { given: ["http://[::ffff:127.0.0.1]/", STRICT], want: "::ffff:7f00:1 (maps to 127.0.0.1) is a loopback address" }],
    ["metadata literal", { given: ["http://169.254.169.254/latest/meta-data/", STRICT], want: "169.254.169.254 is a metadata address" }],
    ["IPv6 metadata literal, even with private networks allowed", { given: ["http://[fd00:ec2::254]/latest/meta-data/", PRIVATE_OK], want: "fd00:ec2::254 is a metadata address" }],
    ["a host with a unique-local IPv6 address", { given: ["https://ula.example.com/", STRICT], want: "ula.example.com resolves to a refused address: fd12:3456::1 is a private address" }],
    ["a host with a CGNAT address", { given: ["https://cgnat.example.com/", STRICT], want: "cgnat.example.com resolves to a refused address: 100.64.0.1 is a private address" }],
    ["a host with an IPv4-mapped loopback address", { given: ["https://mapped.example.com/", STRICT], want: "mapped.example.com resolves to a refused address: ::ffff:127.0.0.1 (maps to 127.0.0.1) is a loopback address" }],
    ["unspecified literal", { given: ["http://0.0.0.0", STRICT], want: "0.0.0.0 is an unspecified address" }],
    ["decimal IPv4 (the URL parser makes it 127.0.0.1)", { given: ["http://2130706433/", STRICT], want: "127.0.0.1 is a loopback address" }],
    ["hex and short IPv4", { given: ["http://0x7f.1/", STRICT], want: "127.0.0.1 is a loopback address" }],
    ["octal IPv4", { given: ["http://0300.0250.0.1/", STRICT], want: "192.168.0.1 is a private address" }],
    ["credentials", { given: ["https://user:pass@hooks.example.com/", STRICT], want: "the callback URL must not contain credentials" }],
    ["user name only", { given: ["https://user@hooks.example.com/", STRICT], want: "the callback URL must not contain credentials" }],
    ["relative URL", { given: ["/hooks", STRICT], want: "the callback URL is not an absolute URL" }],
    ["garbage", { given: ["not a url", STRICT], want: "the callback URL is not an absolute URL" }],
    ["other scheme", { given: ["ftp://hooks.example.com/", STRICT], want: "the callback URL scheme must be http or https, not ftp" }],
    ["file URL", { given: ["file:///etc/passwd", STRICT], want: "the callback URL scheme must be http or https, not file" }],
    ["unknown host", { given: ["https://nowhere.example.com/", STRICT], want: "cannot resolve nowhere.example.com (ENOTFOUND)" }],
    ["a host without addresses", { given: ["https://empty.example.com/", STRICT], want: "cannot resolve empty.example.com (ENOTFOUND)" }],
  ];
  test.each(cases)("%s", async (_name, { given: [url, policy], want }) => {
    const got = await checkCallbackUrl(url, policy, DNS);
    expect(got).toEqual(want === true ? { ok: true } : { ok: false, reason: want });
  });
});

/** Calls a lookup the way net.connect does and reports what it answered. */
function callLookup(
  hostname: string,
  options: LookupOptions,
  policy: AddressPolicy,
): Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }> {
  return new Promise((resolve) => {
    guardedLookup(policy, DNS)(hostname, options, (error, address, family) => resolve({ error, address, family }));
  });
}

describe("guardedLookup", () => {
  test("answers all addresses when asked for all (happy eyeballs)", async () => {
    const got = await callLookup("hooks.example.com", { all: true }, STRICT);
    expect(got.error).toBeNull();
    expect(got.address).toEqual([
      { address: "93.184.215.14", family: 4 },
      { address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 },
    ]);
  });

  const single: [string, { given: LookupOptions; want: { address: string; family: number } }][] = [
    ["the first address", { given: {}, want: { address: "93.184.215.14", family: 4 } }],
    ["the first IPv6 address", { given: { family: 6 }, want: { address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 } }],
    ["the first IPv6 address, named family", { given: { family: "IPv6" }, want: { address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 } }],
  ];
  test.each(single)("answers %s when asked for one", async (_name, { given, want }) => {
    const got = await callLookup("hooks.example.com", given, STRICT);
    expect(got).toEqual({ error: null, ...want });
  });

  test("fails the connection when any resolved address is refused (DNS rebinding)", async () => {
    const got = await callLookup("rebind.example.com", { all: true }, STRICT);
    expect(got.error).toBeInstanceOf(ForbiddenAddressError);
    expect(got.error?.code).toBe("ERR_FORBIDDEN_ADDRESS");
    expect(got.error?.message).toBe("rebind.example.com resolves to a refused address: 127.0.0.1 is a loopback address");
  });

  test("lets an allowed address through under a permissive policy", async () => {
    const got = await callLookup("rebind.example.com", { all: true }, LOOPBACK_OK);
    expect(got.error).toBeNull();
  });

  test("passes resolver errors through", async () => {
    const got = await callLookup("nowhere.example.com", {}, STRICT);
    expect(got.error?.code).toBe("ENOTFOUND");
  });

  test("fails when no address of the wanted family exists", async () => {
    const got = await callLookup("metadata.example.com", { family: 6 }, { ...STRICT, allowHosts: ["metadata.example.com"] });
    expect(got.error?.code).toBe("ENOTFOUND");
  });
});
