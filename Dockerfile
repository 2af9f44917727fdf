# One image for every role: the API (`node dist/apps/api/src/main.js`), the worker
# (`node dist/apps/worker/src/main.js`), migrations (`node dist/scripts/migrate.js`),
# or all of them supervised (`node dist/scripts/start.js`, the default). See docs/scaling.md.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Migrations (prisma/migrations), the dashboard (apps/web) and the built code are read at run time.
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000 3001
CMD ["node", "dist/scripts/start.js"]
