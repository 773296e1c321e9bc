import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const valid = { DATABASE_URL: "postgres://u:p@localhost:5432/db", AUTH_SECRET: "x".repeat(32) };

describe("parseEnv", () => {
  it("accepts a valid environment and fills defaults", () => {
    const env = parseEnv(valid);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.RESEND_API_KEY).toBeUndefined();
  });

  it("names a missing variable", () => {
    expect(() => parseEnv({ AUTH_SECRET: valid.AUTH_SECRET })).toThrow(/DATABASE_URL: is required/);
  });

  it("names a malformed variable and says what is wrong", () => {
    expect(() => parseEnv({ ...valid, DATABASE_URL: "mysql://x" })).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ connection URL/,
    );
    expect(() => parseEnv({ ...valid, AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
    expect(() => parseEnv({ ...valid, RESEND_BASE_URL: "not a url" })).toThrow(EnvError);
  });

  it("treats an empty value as unset", () => {
    expect(parseEnv({ ...valid, RESEND_API_KEY: "" }).RESEND_API_KEY).toBeUndefined();
  });
});
