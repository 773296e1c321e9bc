import { z } from "zod";

/**
 * Every environment variable the server and the worker read, parsed once at start-up.
 * A missing or malformed value stops the process with a message that names the variable.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required (npm run dev sets it for the embedded PostgreSQL)" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL"),
  // The role that owns the database, for the migrations (`npm run db:migrate`, the image's
  // migrate.mjs); DATABASE_URL's role is then granted only the rows the app works with. Unset: the
  // migrations run as DATABASE_URL's role (development).
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL")
    .optional(),
  AUTH_SECRET: z
    .string({ error: "is required: a random string of at least 32 characters" })
    .min(32, "must be at least 32 characters"),
  APP_URL: z
    .url({ error: "must be the public URL of the app, e.g. https://academy.example.com" })
    .default("http://localhost:3000"),
  EMAIL_FROM: z.string().min(3).default("MedTech Academy <no-reply@academy.example.com>"),
  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: z.url({ error: "must be a URL" }).optional(),
  // Calls per second the installation makes to Resend (its default limit is 2), shared by every
  // worker; 100 emails go in each call.
  RESEND_REQUESTS_PER_SECOND: z.coerce.number().positive().max(100).default(2),
  // The signing secret of the Resend webhook (whsec_…); without it, delivery events are refused.
  RESEND_WEBHOOK_SECRET: z.string().min(10).optional(),
  // How many proxies stand in front of the app, each appending the address it saw to
  // X-Forwarded-For. 0 (the default): the app is reached directly and the client is the
  // connection's peer; the header is ignored. N: the client is the entry N places from the right of
  // the chain (the header's entries, then the peer); entries further left prove nothing.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Where uploaded files (users' photos) are kept; several app instances must share it.
  UPLOAD_DIR: z.string().min(1).default(".data/uploads"),
  // Document files in an S3-compatible bucket instead of UPLOAD_DIR (credentials: the standard
  // AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY). The endpoint for a store other than AWS.
  DOCUMENT_S3_BUCKET: z.string().min(3).max(63).optional(),
  DOCUMENT_S3_ENDPOINT: z.url({ error: "must be a URL" }).optional(),
  DOCUMENT_S3_REGION: z.string().min(1).default("us-east-1"),
  // The bearer token Prometheus sends to GET /api/metrics; without it the endpoint does not exist.
  METRICS_TOKEN: z.string().min(16, { error: "must be at least 16 characters" }).optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset, so `FOO=` in a shell behaves like no FOO at all.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process (parsed on first use, then kept). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
