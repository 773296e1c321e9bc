/**
 * A Resend-compatible HTTP stand-in for tests and benchmarks, reached by the real Resend SDK
 * through RESEND_BASE_URL. It implements what the app uses: POST /emails and POST /emails/batch
 * with bearer auth, Idempotency-Key (a repeated key returns the first answer and stores nothing),
 * and 429 with Retry-After past a configurable rate. Tests read what arrived at GET /_stand-in/emails.
 * With a webhook configured it posts Resend's delivery events back, signed as Resend signs them
 * (Standard Webhooks): "email.bounced" for a recipient whose address starts with "bounce",
 * "email.delivered" for the others; POST /_stand-in/events {emailId, type} posts one on demand.
 *
 * Run as a program: `tsx e2e/support/resend-stand-in.ts <port> [requestsPerSecond]`.
 */
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import http from "node:http";
import { z } from "zod";

export interface ReceivedEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string | undefined;
  text?: string | undefined;
  receivedAt: number;
}

const emailBody = z.object({
  from: z.string().min(3),
  to: z.union([z.string(), z.array(z.string()).min(1).max(50)]),
  subject: z.string().min(1),
  html: z.string().optional(),
  text: z.string().optional(),
});

export interface StandIn {
  url: string;
  emails: () => ReceivedEmail[];
  /** Requests refused with 429, for tests of back-off. */
  rateLimited: () => number;
  close: () => Promise<void>;
}

type DeliveryEventType = "email.delivered" | "email.bounced" | "email.complained";

export async function startResendStandIn(
  options: {
    port?: number;
    apiKey?: string;
    requestsPerSecond?: number;
    webhook?: { url: string; secret: string };
  } = {},
): Promise<StandIn> {
  const apiKey = options.apiKey ?? "re_test_stand_in";
  const emails: ReceivedEmail[] = [];
  const idempotent = new Map<string, unknown>();
  const recent: number[] = [];
  let refused = 0;

  async function postEvent(email: ReceivedEmail, type: DeliveryEventType) {
    if (!options.webhook) return;
    const payload = JSON.stringify({
      type,
      created_at: new Date().toISOString(),
      data: {
        email_id: email.id,
        created_at: new Date(email.receivedAt).toISOString(),
        message_id: `<${email.id}@stand-in>`,
        from: email.from,
        to: email.to,
        subject: email.subject,
        ...(type === "email.bounced"
          ? { bounce: { message: "The mailbox does not exist", subType: "General", type: "Permanent" } }
          : {}),
      },
    });
    const id = `msg_${randomUUID()}`;
    const now = new Date();
    const signature = new Webhook(options.webhook.secret).sign(id, now, payload);
    await fetch(options.webhook.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "svix-id": id,
        "svix-timestamp": String(Math.floor(now.getTime() / 1000)),
        "svix-signature": signature,
      },
      body: payload,
    }).catch((error: unknown) => console.error("[stand-in] webhook failed:", error));
  }

  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");

    if (req.url === "/_stand-in/events" && req.method === "POST") {
      const event = z
        .object({ emailId: z.string(), type: z.enum(["email.delivered", "email.bounced", "email.complained"]) })
        .safeParse(JSON.parse(raw || "{}"));
      const email = event.success ? emails.find((e) => e.id === event.data.emailId) : undefined;
      if (!event.success || !email) return send(404, { message: "No such email" });
      await postEvent(email, event.data.type);
      return send(202, { posted: true });
    }
    if (req.url === "/_stand-in/emails") {
      if (req.method === "DELETE") emails.length = 0;
      return send(200, { emails, rateLimited: refused });
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return send(401, { statusCode: 401, name: "missing_api_key", message: "Missing or invalid API key" });
    }
    if (options.requestsPerSecond) {
      const now = Date.now();
      while (recent.length && recent[0]! <= now - 1000) recent.shift();
      if (recent.length >= options.requestsPerSecond) {
        refused++;
        return send(
          429,
          { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests" },
          { "retry-after": "1" },
        );
      }
      recent.push(now);
    }
    const key = req.headers["idempotency-key"];
    const idempotencyKey = typeof key === "string" ? `${req.url}:${key}` : null;
    if (idempotencyKey && idempotent.has(idempotencyKey)) return send(200, idempotent.get(idempotencyKey));

    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(400, { statusCode: 400, name: "validation_error", message: "Body is not JSON" });
    }
    const store = (input: z.infer<typeof emailBody>) => {
      const email: ReceivedEmail = {
        id: randomUUID(),
        ...input,
        to: Array.isArray(input.to) ? input.to : [input.to],
        receivedAt: Date.now(),
      };
      emails.push(email);
      // As a provider would, a moment later: the recipient's server answered.
      if (options.webhook)
        setTimeout(
          () => void postEvent(email, email.to[0]!.startsWith("bounce") ? "email.bounced" : "email.delivered"),
          200,
        );
      return { id: email.id };
    };

    let answer: unknown;
    if (req.method === "POST" && req.url === "/emails") {
      const parsed = emailBody.safeParse(body);
      if (!parsed.success)
        return send(422, { statusCode: 422, name: "validation_error", message: parsed.error.message });
      answer = store(parsed.data);
    } else if (req.method === "POST" && req.url === "/emails/batch") {
      const parsed = z.array(emailBody).min(1).max(100).safeParse(body);
      if (!parsed.success)
        return send(422, { statusCode: 422, name: "validation_error", message: parsed.error.message });
      answer = { data: parsed.data.map(store) };
    } else {
      return send(404, { statusCode: 404, name: "not_found", message: "Not found" });
    }
    if (idempotencyKey) idempotent.set(idempotencyKey, answer);
    send(200, answer);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    emails: () => [...emails],
    rateLimited: () => refused,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Reads what a stand-in running in another process has received. */
export async function fetchStandInEmails(baseUrl: string): Promise<ReceivedEmail[]> {
  const response = await fetch(`${baseUrl}/_stand-in/emails`);
  const body = (await response.json()) as { emails: ReceivedEmail[] };
  return body.emails;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 3199);
  const requestsPerSecond = process.argv[3] ? Number(process.argv[3]) : undefined;
  const webhook =
    process.env.STAND_IN_WEBHOOK_URL && process.env.RESEND_WEBHOOK_SECRET
      ? { url: process.env.STAND_IN_WEBHOOK_URL, secret: process.env.RESEND_WEBHOOK_SECRET }
      : undefined;
  const standIn = await startResendStandIn({
    port,
    requestsPerSecond,
    apiKey: process.env.RESEND_API_KEY ?? "re_test_stand_in",
    webhook,
  });
  console.log(`Resend stand-in listening on ${standIn.url}`);
}
