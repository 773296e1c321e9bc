# The production image: one image, three commands. `node serve.mjs` (the app behind its front
# door), `node worker.mjs` (the pg-boss worker), `node migrate.mjs` (migrations, before a release).
# Built from Next's standalone output: the server with only the packages it uses, no sources.

FROM node:24-bookworm-slim AS dependencies
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM dependencies AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 UPLOAD_DIR=/data/uploads
WORKDIR /app
RUN groupadd --system academy && useradd --system --gid academy --home /app academy \
  && mkdir -p /data/uploads && chown academy:academy /data/uploads
COPY --from=build --chown=academy:academy /build/.next/standalone ./
USER academy
EXPOSE 3000
# Liveness only (no database): readiness is /api/ready, for the load balancer.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "serve.mjs"]
