import { describe, expect, it } from "vitest";
import { CallingError, isCallingError, TimeoutError, toCallingError } from "../../src/index";

// Another library's error that happens to use one of our codes.
class ForeignTimeout extends Error {
  code = "TIMEOUT";
  constructor() {
    super("socket timed out");
    this.name = "TimeoutError";
  }
}

describe("toCallingError", () => {
  it("returns a CallingError made by this library as it is", () => {
    const error = new TimeoutError("the provider", 5);
    expect(toCallingError(error, "PROVIDER_ERROR")).toBe(error);
  });

  it("wraps a look-alike (right name and code, no brand) into a real CallingError with its message and cause", () => {
    const foreign = new ForeignTimeout();
    // The public guard still recognises it by name and code (errors revived from JSON)...
    expect(isCallingError(foreign, "TIMEOUT")).toBe(true);
    // ...but what the client passes on as a CallingError must be one, with toJSON().
    const wrapped = toCallingError(foreign, "PROVIDER_ERROR", "The call failed");
    expect(wrapped).not.toBe(foreign);
    expect(wrapped).toBeInstanceOf(CallingError);
    expect(wrapped.toJSON()).toEqual({ name: "CallingError", code: "PROVIDER_ERROR", message: "The call failed: socket timed out" });
    expect(wrapped.cause).toBe(foreign);
  });

  it("wraps a plain object revived from JSON rather than passing it on as an error", () => {
    const revived = JSON.parse(JSON.stringify(new TimeoutError("x", 1).toJSON())) as unknown;
    const wrapped = toCallingError(revived, "WRITER_ERROR", "Logging the call failed");
    expect(wrapped).toBeInstanceOf(CallingError);
    expect(wrapped.code).toBe("WRITER_ERROR");
  });
});
