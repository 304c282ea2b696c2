# One image for every casebridge process; docker-compose.yml picks the command per service.
# HOST=0.0.0.0 makes each process reachable from outside: it refuses to start until JWT_SECRET,
# SUBGRAPH_SECRET and SMTP_URL are set, and never creates the demo logins.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
ENV NODE_ENV=production HOST=0.0.0.0
CMD ["npm", "start"]
