import { describe, expect, it } from "vitest";
import { clientAddress } from "../http/client-address";
import { createFrontDoor } from "../http/front-door";
import { requestInfo } from "./request-info";
import type { IncomingMessage, ServerResponse } from "node:http";

describe("clientAddress: what the front door takes for the client's address", () => {
  it("is the connection's peer by default, whatever the client wrote", () => {
    expect(clientAddress("::ffff:198.51.100.7", "6.6.6.6", 0)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7", undefined, 0)).toBe("198.51.100.7");
  });

  it("behind one trusted proxy, is what the proxy appended: addresses the client wrote itself are ignored", () => {
    expect(clientAddress("10.0.0.2", "10.0.0.1, 6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
  });

  it("behind two trusted proxies, is the entry two from the right of the chain", () => {
    expect(clientAddress("10.1.2.4", "6.6.6.6, 203.0.113.9, 10.1.2.3", 2)).toBe("203.0.113.9");
  });

  it("ignores what is not an address", () => {
    expect(clientAddress("10.0.0.2", "<script>, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress(undefined, undefined, 0)).toBeNull();
  });
});

describe("requestInfo: the address as the app reads it", () => {
  it("is the front door's, and nothing a client writes (X-Forwarded-For, X-Real-IP, the front door's own header)", () => {
    const admit = createFrontDoor({ appUrl: "http://localhost:3000", trustedProxies: 0, development: false });
    const req = {
      method: "GET",
      url: "/",
      socket: { remoteAddress: "198.51.100.7" },
      headers: {
        "x-forwarded-for": "6.6.6.6",
        "x-real-ip": "6.6.6.6",
        "x-medtech-client-address": "6.6.6.6",
        "user-agent": "Mozilla/5.0",
      },
    } as unknown as IncomingMessage;
    const res = { setHeader: () => {} } as unknown as ServerResponse;
    expect(admit(req, res)).toBe(true);
    const headers = new Headers(req.headers as Record<string, string>);
    expect(requestInfo(headers)).toEqual({ ip: "198.51.100.7", userAgent: "Mozilla/5.0" });
    // A request that did not come through the front door carries no address at all.
    expect(
      requestInfo(new Headers({ "x-medtech-client-address": "6.6.6.6", "x-medtech-front-door": "guess" })).ip,
    ).toBeNull();
  });
});
