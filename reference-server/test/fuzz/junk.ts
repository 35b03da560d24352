/**
 * Hostile values for the places a request carries text: path segments, query strings,
 * header values and JSON. Each arbitrary stays within what a well-formed HTTP/1.1 request can
 * carry (Node's client refuses a path outside 0x21–0xFF and header values with control
 * characters), so every generated request reaches the server's own code.
 */
import fc from "fast-check";

/**
 * A character Node's HTTP parser lets through in a request target: 0x21–0x7E. (It refuses
 * 0x7F–0xFF with its own 400 before the server's code runs; limits.e2e.test.ts covers that.)
 */
const pathChar = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));
/** A character Node accepts in a header value: tab, 0x20–0x7E, 0x80–0xFF. */
const headerChar = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constant("\t") },
);

/** A long run of one character: cheap to build, expensive to handle. */
export const longText = (sizes: number[], chars: string[] = ["a", "%", "é", "0", "/", "."]) => fc.tuple(fc.constantFrom(...sizes), fc.constantFrom(...chars)).map(([n, c]) => c.repeat(n));

/** Path segments meant to escape, confuse or crash the router and the decoders. */
export const PATH_JUNK = [
  "..",
  ".",
  "%2e%2e",
  "%2E%2E",
  "..%2f..%2f..%2fetc%2fpasswd",
  "%2e%2e%2f%2e%2e%2fadmin",
  "%00",
  "a%00b",
  "%C0%AE%C0%AE",
  "%c0%af",
  "%E0%80%AE",
  "%F0%80%80%AE",
  "%ED%A0%80",
  "%FF%FE",
  "%ZZ",
  "%",
  "%2",
  "%%32%65",
  "%u002e",
  "%252e%252e",
  "agent%3A%2F%2F",
  "agent%3A%2F%2F..%2F..%2F..",
  "agent%3A%2F%2Facme%2Fprod",
  "agent%3A%2F%2FACME%2FPROD%2FX",
  "acme%2F..%2Fx",
  "%C3%A9t%C3%A9",
  "CON",
  "nul",
  "~",
  "*",
  "$",
  "'",
  "\"",
  "<script>",
  "{address}",
  "__proto__",
  "constructor",
  "prototype",
  "0",
  "-1",
  "1e309",
  "NaN",
  "null",
  "undefined",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "key_",
  "hum_",
];

/** One hostile path segment (never a byte Node's parser refuses: see pathChar). */
export const pathJunk: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PATH_JUNK) },
  { weight: 2, arbitrary: fc.string({ unit: pathChar, minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: longText([300, 2_000, 6_000], ["a", "%41", "..%2f", "%C3%A9"]) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom("..", "%2e%2e", "a", "."), { minLength: 2, maxLength: 6 }).map((parts) => parts.join("/")) },
);

/** A hostile header value: no CR/LF (Node refuses those), but everything else, and long. */
export const headerJunk: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: headerChar, maxLength: 60 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "-1",
      "0",
      "00",
      "1",
      "18446744073709551616",
      "9007199254740993",
      "99999999999999999999999999",
      "1e3",
      "0x10",
      "1.5",
      " 42 ",
      "NaN",
      "null",
      "\u00ff\u00fe",
      "\u00c0\u00ae",
      "%00",
      "../../etc/passwd",
      "agent://acme/test/../../x",
      "agent://",
      "Bearer",
      "Bearer ",
      "Basic YWRtaW46YWRtaW4=",
      "axp_admin_",
      "axp_agent_x",
      "{}",
      "[]",
      "\t",
    ),
  },
  { weight: 1, arbitrary: longText([255, 256, 513, 1_025, 3_000], ["a", "1", "\u00e9", " ", "9"]) },
);

/** Junk for a query value, already percent-encoded or deliberately broken. */
export const queryJunk: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", "%ZZ", "%", "%FF", "%C0%AE", "%00", "-1", "0", "1e3", "0x10", "1.5", "abc", "999999999999999999999", "9007199254740993", "%20", "+", "true", "null", "[]", "a,b,,", ",", "DELIVERED,nope", "completed"),
  fc.string({ unit: pathChar, maxLength: 30 }).map((s) => s.replace(/[&=#]/g, "")),
  longText([600, 4_000], ["a", "%41", "9"]),
);

/** Raw query tails appended as they are. */
export const QUERY_TAILS = ["", "&", "&&&", "=", "=&=", "%ZZ=1", "a=%ZZ", "a%00=1", "__proto__=1", "constructor=x", "a[]=1&a[]=2", "limit=1&limit=500", "x=" + "%FF".repeat(50)];

/** JSON texts that are not JSON, or barely. */
export const BAD_JSON = [
  "{",
  "}",
  "[",
  "{\"a\":}",
  "{\"a\":1,}",
  "[1,2,]",
  "{'a':1}",
  "{a:1}",
  "NaN",
  "Infinity",
  "undefined",
  "nul",
  "tru",
  "\"unterminated",
  "{\"a\":\"\\uD800\"}",
  "{\"a\":\"\\u12\"}",
  "{\"a\":\"\\x41\"}",
  "{\"__proto__\":{\"polluted\":true}}",
  "{\"constructor\":{\"prototype\":{\"polluted\":true}}}",
  "0",
  "-0",
  "1e999",
  "\"\"",
  "null",
  "true",
  "[]",
  "{}{}",
  "{} x",
  "/* comment */ {}",
  "\u0000",
  "{\"a\":1}\u0000",
];

/** Byte sequences that are not UTF-8. */
export const BAD_UTF8: number[][] = [[0xff], [0xfe, 0xff], [0xc0, 0xae], [0xe0, 0x80, 0xae], [0xed, 0xa0, 0x80], [0x80], [0xc3], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]];
