# Shouye: the bot as compiled JavaScript on Node 20, run as an unprivileged user.
# Build:  docker build -t shouye .
# Run:    docker run --env-file .env -v shouye-data:/data -p 8080:8080 shouye
# With PostgreSQL, see compose.yaml.

ARG NODE_IMAGE=node:20-bookworm-slim

# Stage 1: install everything, compile src/ to dist/ and make the migrated PGlite seed
# (npm's prepare script runs `npm run build`), then drop the dev dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY tsconfig.json tsconfig.build.json ./
COPY drizzle ./drizzle
COPY src ./src
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund

# Stage 2: only what runs. The Chinese font (Noto Sans SC) for charts and statements comes
# with the dependencies, so the image needs no system fonts.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/drizzle ./drizzle
COPY --from=build /app/src/bot/locales ./src/bot/locales
COPY --from=build /app/src/sandbox/web ./src/sandbox/web
# The embedded store lives in /data; mount a volume there. Unused with DATABASE_URL.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=6s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1, so SIGTERM from `docker stop` reaches the bot, which stops cleanly.
CMD ["node", "dist/main.js"]
