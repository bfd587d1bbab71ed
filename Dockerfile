# Quizroom, production image. `docker compose up --build` (docker-compose.yml) builds and runs it with PostgreSQL
# and Redis; alone: `docker build -t quizroom . && docker run -p 3000:3000 -e DATABASE_URL=... quizroom`.
# The build stage runs the README's own commands (`npm ci`, `npm run build`); the runtime stage keeps the build
# and the production dependencies only, and runs as the unprivileged `node` user.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so a source change does not reinstall them (postinstall generates the Prisma client).
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY tools/scripts ./tools/scripts
RUN npm ci --no-audit --no-fund
COPY . .
# Build, drop the dev dependencies, and stamp the build again after pruning, so `npm start` and
# `start:cluster` in the image see a fresh build.
RUN node tools/scripts/build.mjs \
 && npm prune --omit=dev --no-audit --no-fund \
 && node --input-type=module -e "import { writeFileSync } from 'node:fs'; import { sourceStamp } from './tools/scripts/stamp.mjs'; writeFileSync('dist/.stamp', sourceStamp());"

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json /app/next.config.js /app/tsconfig.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.next ./.next
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/src ./src
COPY --from=build --chown=node:node /app/prisma ./prisma
COPY --from=build --chown=node:node /app/tools/scripts ./tools/scripts
USER node
EXPOSE 3000
# Ready = the database (and Redis, when used) answer and the process is not stopping (GET /readyz).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# `npm start` without npm in between (signals reach the server directly).
CMD ["node", "tools/scripts/start.mjs"]
