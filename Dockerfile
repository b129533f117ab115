# Strata: the server (API + web app) in a small image.
#
#   docker build -t strata .
#   docker run -p 8080:8080 -v strata-data:/data strata
#
# Build stage: the whole workspace with pnpm. esbuild bundles the server and every production
# dependency it uses into apps/server/dist/server.mjs (+ decode-worker.mjs for the layer
# decoding threads, analysis-worker.mjs for the analyses), so the runtime stage needs no
# node_modules at all.
FROM node:20-bookworm-slim AS build
WORKDIR /src
RUN npm install -g pnpm@10
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm --filter @strata/server build \
 && pnpm --filter @strata/web --if-present build \
 && mkdir -p apps/web/dist

# Runtime stage: node, the bundles, the built web app; runs as the unprivileged `node` user.
FROM node:20-bookworm-slim AS runtime
# MALLOC_ARENA_MAX: see scripts/start.sh (ended worker threads' malloc arenas stay as RSS).
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    PORT=8080 \
    STRATA_DATA_DIR=/data \
    STRATA_WEB_DIR=/app/web
WORKDIR /app
COPY --from=build /src/apps/server/dist/server.mjs /src/apps/server/dist/decode-worker.mjs \
     /src/apps/server/dist/analysis-worker.mjs /app/server/
COPY --from=build /src/apps/web/dist/ /app/web/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "/app/server/server.mjs"]
