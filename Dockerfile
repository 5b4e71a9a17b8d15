# dpu-gitops: one image for the ArgoCD CMP sidecar and the admission webhook.
# Build: docker build -t dpu-gitops:dev .
# As the CMP sidecar (manifests/cmp/repo-server-patch.yaml) the patch sets the entrypoint to
# ArgoCD's argocd-cmp-server (copied in by the repo-server's init container), mounts plugin.yaml
# from the dpu-gitops-cmp-plugin ConfigMap, and plugin.yaml runs /usr/local/bin/dpu-gitops.
FROM node:24-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY helm ./helm
COPY dpf ./dpf
COPY contract ./contract
COPY plugin ./plugin
COPY webhook ./webhook
COPY cli ./cli
COPY isolation ./isolation
COPY server ./server
COPY config ./config
COPY test ./test
COPY bench ./bench
COPY scripts ./scripts
# The build precompiles the message templates into templates/precompiled.cjs.
COPY templates ./templates
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY --from=build /src/templates ./templates
COPY manifests ./manifests
# The command plugin.yaml names (discover, generate, parameters).
RUN printf '#!/bin/sh\nexec node /app/dist/bundle/main.js "$@"\n' > /usr/local/bin/dpu-gitops \
 && chmod 0755 /usr/local/bin/dpu-gitops
# One uid for both parts: 999, the uid Argo CD runs CMP sidecars as; the webhook Deployment
# runs as 999 too (runAsUser), non-root with a read-only root fs.
USER 999:999
ENTRYPOINT ["node", "/app/dist/bundle/main.js"]
