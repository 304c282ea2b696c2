/**
 * What a process must not run with once other machines can reach it. The check keys on the bind
 * address rather than NODE_ENV, which a deployment can forget to set.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '::1', '[::1]']);

/** Whether HOST keeps every server on this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return LOOPBACK_HOSTS.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export interface ExposureFacts {
  host: string;
  production: boolean;
  devJwtSecret: boolean;
  devSubgraphSecret: boolean;
  demoAccounts: boolean;
  smtpUrl: string | undefined;
}

/**
 * The development settings a reachable (HOST beyond loopback) or production process has, each as
 * the variable to set and how; empty when it may start. Without SMTP_URL mail goes to the local
 * mailbox (GET /dev/mailbox), which holds set-password links: only a loopback process may use it.
 */
export function exposureProblems(facts: ExposureFacts): string[] {
  const exposed = !isLoopbackHost(facts.host);
  if (!exposed && !facts.production) return [];
  const problems: string[] = [];
  const secret = (name: string) => `  ${name}: set it to a random secret of your own, 32+ characters (e.g. \`openssl rand -base64 48\`); the development default is published in the source.`;
  if (facts.devJwtSecret) problems.push(secret('JWT_SECRET'));
  if (facts.devSubgraphSecret) problems.push(secret('SUBGRAPH_SECRET'));
  if (facts.demoAccounts) problems.push('  DEMO_ACCOUNTS: set DEMO_ACCOUNTS=false (or leave it unset); the demo logins, an ADMIN among them, have a published password.');
  if (exposed && !facts.smtpUrl) problems.push('  SMTP_URL: set SMTP_URL=smtp://user:password@relay:587 (or smtps://…) to your mail relay; without it mail, set-password links included, is kept in the local mailbox served at /dev/mailbox.');
  if (problems.length === 0) return [];
  const why = exposed
    ? `HOST=${facts.host} lets other machines reach this process (set HOST=127.0.0.1 to keep it on this machine), so it refuses development settings:`
    : 'NODE_ENV=production refuses development settings:';
  return [why, ...problems];
}
