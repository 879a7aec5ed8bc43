# hokusai-emulator: MLflow tracking server (5001) + Hokusai API (8001) emulator.
# Build: docker build -t hokusai-emulator .
# Run:   docker run --rm -p 5001:5001 -p 8001:8001 -v hokusai-data:/data hokusai-emulator
# Demo:  docker run --rm -p 5001:5001 -p 8001:8001 hokusai-emulator node dist/src/cli.js --seed data/seed/demo.json

FROM node:20-bookworm-slim AS build
WORKDIR /app
# swagger-ui-express depends on @scarf/scarf, whose install script reports to its vendor: keep it quiet.
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOKUSAI_EMULATOR_HOST=0.0.0.0 \
    HOKUSAI_EMULATOR_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY openapi ./openapi
COPY data/seed ./data/seed
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 5001 8001
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:5001/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node runs as PID 1 and handles SIGTERM itself: `docker stop` flushes pending writes before exit.
CMD ["node", "dist/src/cli.js"]
