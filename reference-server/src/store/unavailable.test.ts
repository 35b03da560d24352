import { describe, expect, it } from "vitest";
import { postgresUnavailable } from "./postgres/unavailable.ts";
import { sqliteUnavailable } from "./sqlite/unavailable.ts";
import { causes, StoreUnavailableError, translateUnavailable } from "./unavailable.ts";

const withProps = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props);

describe("translateUnavailable", () => {
  const classify = (e: unknown) => ((e as { code?: string }).code === "DOWN" ? "down" : undefined);
  const store = {
    value: 7,
    async fails(code: string) {
      throw withProps("boom", { code });
    },
    syncFails(code: string) {
      throw withProps("boom", { code });
    },
    async works() {
      return 1;
    },
  };
  const wrapped = translateUnavailable(store, classify);

  it("turns recognised failures into StoreUnavailableError, sync and async, keeping the cause", async () => {
    const error = await wrapped.fails("DOWN").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).reason).toBe("down");
    expect((error as StoreUnavailableError).outcomeUnknown).toBe(false);
    expect((error as Error).cause).toMatchObject({ code: "DOWN" });
    expect(() => wrapped.syncFails("DOWN")).toThrow(StoreUnavailableError);
  });

  it("passes other errors, values and non-functions through", async () => {
    await expect(wrapped.fails("OTHER")).rejects.toMatchObject({ code: "OTHER", message: "boom" });
    await expect(wrapped.fails("OTHER")).rejects.not.toBeInstanceOf(StoreUnavailableError);
    expect(await wrapped.works()).toBe(1);
    expect(wrapped.value).toBe(7);
  });

  it("carries an unknown outcome from any cause", async () => {
    const unknown = translateUnavailable(
      {
        async commit() {
          throw withProps("COMMIT broke", { outcomeUnknown: true, cause: withProps("reset", { code: "DOWN" }) });
        },
      },
      (e) => ([...causes(e)].some((x) => (x as { code?: string }).code === "DOWN") ? "down" : undefined),
    );
    await expect(unknown.commit()).rejects.toMatchObject({ name: "StoreUnavailableError", outcomeUnknown: true });
  });
});

describe("sqliteUnavailable", () => {
  it.each([
    [13, "disk_full"],
    [8, "read_only"],
    [778, "io_error"], // SQLITE_IOERR_WRITE
    [1032, "read_only"], // SQLITE_READONLY_DBMOVED
    [5, "busy"],
  ])("classifies result code %i as %s", (errcode, reason) => {
    expect(sqliteUnavailable(withProps("x", { errcode }))).toBe(reason);
    expect(sqliteUnavailable(new Error("wrapped", { cause: withProps("x", { errcode }) }))).toBe(reason);
  });

  it("leaves constraint and logic errors alone", () => {
    expect(sqliteUnavailable(withProps("UNIQUE constraint failed", { errcode: 2067 }))).toBeUndefined();
    expect(sqliteUnavailable(withProps("SQL logic error", { errcode: 1 }))).toBeUndefined();
    expect(sqliteUnavailable(new Error("no code"))).toBeUndefined();
  });
});

describe("postgresUnavailable", () => {
  it.each([
    ["57P03", "starting_up"],
    ["57P01", "shutting_down"],
    ["08006", "connection"],
    ["53300", "insufficient_resources"],
    ["53100", "disk_full"],
    ["25006", "read_only"],
    ["ECONNREFUSED", "connection"],
  ])("classifies %s as %s", (code, reason) => {
    expect(postgresUnavailable(withProps("x", { code }))).toBe(reason);
  });

  it("recognises the driver's messages for broken connections, also as a cause", () => {
    expect(postgresUnavailable(new Error("Connection terminated unexpectedly"))).toBe("connection");
    expect(postgresUnavailable(new Error("outer", { cause: new Error("Client has encountered a connection error and is not queryable") }))).toBe("connection");
  });

  it("leaves constraint violations, deadlocks and syntax errors alone", () => {
    for (const code of ["23505", "40P01", "42601"]) expect(postgresUnavailable(withProps("x", { code }))).toBeUndefined();
  });
});
