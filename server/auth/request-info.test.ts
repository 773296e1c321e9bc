import { describe, expect, it } from "vitest";
import { requestInfo } from "./request-info";

const headers = (xff: string) => new Headers({ "x-forwarded-for": xff, "user-agent": "Mozilla/5.0" });

describe("requestInfo: the client's address", () => {
  it("is the socket's peer when Next.js set the header itself", () => {
    expect(requestInfo(headers("198.51.100.7"), 1)).toEqual({ ip: "198.51.100.7", userAgent: "Mozilla/5.0" });
  });

  it("behind one proxy, is what the proxy appended: addresses the client wrote itself are ignored", () => {
    expect(requestInfo(headers("10.0.0.1, 6.6.6.6, 203.0.113.9"), 1).ip).toBe("203.0.113.9");
  });

  it("behind two proxies, is the entry two from the right", () => {
    expect(requestInfo(headers("6.6.6.6, 203.0.113.9, 10.1.2.3"), 2).ip).toBe("203.0.113.9");
  });

  it("is null when nothing says", () => {
    expect(requestInfo(new Headers(), 1)).toEqual({ ip: null, userAgent: null });
  });
});
