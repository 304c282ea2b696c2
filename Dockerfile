# One image for every casebridge process; docker-compose.yml picks the command per service.
# HOST=0.0.0.0 makes each process reachable from outside: it refuses to start until JWT_SECRET,
# SUBGRAPH_SECRET and SMTP_URL are set, and never creates the demo logins.
# The client portal is built with the dev dependencies (Vite) in a first stage; the gateway serves portal/dist.
FROM node:20-slim AS portal
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY portal ./portal
RUN npm run build:portal

FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
COPY --from=portal /app/portal/dist ./portal/dist
ENV NODE_ENV=production HOST=0.0.0.0
# Not `npm start`: its prestart builds the portal, which needs the dev dependencies this stage omits.
CMD ["node_modules/.bin/tsx", "system/main.ts"]
