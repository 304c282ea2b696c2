/**
 * The attack suite: Ava, a client of the demo firm, and an outsider try every way we know to read
 * Ben's matters or to get in without the right credentials — through the gateway and against the
 * subgraphs directly. Every attempt is counted; every one must be refused the right way, and no
 * response may carry a byte of Ben's data.
 */
import { SignJWT } from 'jose';
import { startTestSystem, type TestSystem } from './support/system.js';
import { asGateway, postGraphQL, postGraphQLText, type GraphQLHeaders } from './support/graphql.js';
import type { Principal } from '../shared/auth/principal.js';
import type { SubgraphName } from '../shared/config.js';

interface Attack {
  name: string;
  /** Resolves to the raw response text; throws when the attack was not refused the right way. */
  run(): Promise<string>;
}

const encoder = new TextEncoder();
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('the attack suite', () => {
  let system: TestSystem;
  let avaToken: string;
  let ava: Principal;
  let benSecrets: string[];
  let benMatterIds: string[];
  let benClientId: string;
  const outcomes: Array<{ name: string; refused: boolean; leaked: string | undefined; detail?: string }> = [];

  beforeAll(async () => {
    system = await startTestSystem({
      RATE_LIMIT_CLIENT_PER_MINUTE: '100000', RATE_LIMIT_ADDRESS_PER_MINUTE: '100000',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
    });
    const firm = system.simulators!.firm;
    const benContact = firm.contacts.find((c) => c.primary_email_address === 'ben.okafor@example.com')!;
    benClientId = String(benContact.id);
    const benMatters = firm.matters.filter((m) => m.client.id === benContact.id);
    benMatterIds = benMatters.map((m) => String(m.id));
    const numbers = new Set(benMatters.map((m) => m.display_number));
    benSecrets = [
      'Okafor',
      ...numbers,
      ...benMatters.map((m) => m.description).filter((d): d is string => Boolean(d && d.length > 8)),
      ...firm.documents.filter((d) => numbers.has(d.matterNumber)).map((d) => d.name).filter((n) => n.length > 8),
    ];
    avaToken = await system.login('ava.martin@example.com');
    const { data } = await system.graphql<{ me: { id: string; client: { id: string } } }>(avaToken, '{ me { id client { id } } }');
    ava = { accountId: data!.me.id, email: 'ava.martin@example.com', role: 'CLIENT', clientId: data!.me.client.id, staffId: null };
  }, 120_000);
  afterAll(() => system?.stop());

  const gateway = () => system.gatewayUrl;
  const asAva = (query: string, variables: Record<string, unknown> = {}) =>
    postGraphQLText(gateway(), query, variables, { authorization: `Bearer ${avaToken}` });

  /** A read of Ben's data as Ava: it must answer exactly like a read of something that does not exist. */
  const crossClient = (name: string, query: string | ((benMatterId: string) => string), nothing: unknown): Attack[] =>
    benMatterIds.map((id) => ({
      name: `${name} (matter ${id})`,
      async run() {
        const { text } = await asAva(typeof query === 'string' ? query : query(id), { id });
        expect(JSON.parse(text)).toEqual(nothing);
        return text;
      },
    }));

  const unauthenticated = (name: string, authorization: () => Promise<string>): Attack => ({
    name,
    async run() {
      const { status, body } = await postGraphQL(gateway(), '{ matters { id number title } }', {}, { authorization: await authorization() });
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.data ?? null).toBeNull();
      return JSON.stringify(body);
    },
  });

  const claims = () => ({ role: 'CLIENT', email: ava.email, client_id: benClientId, staff_id: null });
  const portalToken = (mutate: (jwt: SignJWT) => SignJWT, secret = system.config.auth.jwtSecret) =>
    mutate(new SignJWT(claims()).setProtectedHeader({ alg: 'HS256' }).setSubject(ava.accountId).setIssuer(system.config.auth.issuer)
      .setAudience(system.config.auth.audience).setIssuedAt().setJti('attack'))
      .sign(encoder.encode(secret));

  const tooBig = (name: string, query: string): Attack => ({
    name,
    async run() {
      const { status, text } = await asAva(query);
      expect(status).toBe(400);
      const body = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.length).toBeGreaterThan(0);
      return text;
    },
  });

  const directToSubgraph = (subgraph: SubgraphName, name: string, query: string, headers: () => Promise<GraphQLHeaders>): Attack => ({
    name: `${subgraph}: ${name}`,
    async run() {
      const { status, text } = await postGraphQLText(system.subgraphUrls[subgraph], query, { representations: [{ __typename: 'Matter', id: benMatterIds[0] }] }, await headers());
      expect(status).toBe(401);
      expect(JSON.parse(text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      return text;
    },
  });

  function attacks(): Attack[] {
    const nullMatter = { data: { matter: null } };
    const list: Attack[] = [
      ...crossClient('matter by id in a variable', 'query($id: ID!) { matter(id: $id) { id number title } }', nullMatter),
      ...crossClient('matter by id inlined in the document', (id) => `{ matter(id: ${JSON.stringify(id)}) { title } }`, nullMatter),
      ...crossClient('nested fields of the matter', 'query($id: ID!) { matter(id: $id) { client { name email balance { amount } } documents { name } invoices { number total { amount } } events { title } nextHearing { title } balance { amount } } }', nullMatter),
      ...crossClient('aliases asking twice', 'query($id: ID!) { his: matter(id: $id) { title } again: matter(id: $id) { number } }', { data: { his: null, again: null } }),
      ...crossClient('named fragment', 'query($id: ID!) { matter(id: $id) { ...M } } fragment M on Matter { title client { name } }', nullMatter),
      ...crossClient('inline fragment', 'query($id: ID!) { matter(id: $id) { ... on Matter { title number } } }', nullMatter),
      ...crossClient('staff-only field of his matter', 'query($id: ID!) { matter(id: $id) { legacyStatus { status caseStatus } } }', nullMatter),
      {
        name: 'his matter by its display number as the id',
        async run() {
          const { text } = await asAva('query($id: ID!) { matter(id: $id) { title } }', { id: benSecrets[1] });
          expect(JSON.parse(text)).toEqual(nullMatter);
          return text;
        },
      },
      {
        name: 'walking from her matters to the client and back to all matters',
        async run() {
          const { text } = await asAva('{ matters { client { matters { number title } } } me { client { matters { number } } } }');
          expect(JSON.parse(text).errors).toBeUndefined();
          return text;
        },
      },
      {
        name: '_entities through the gateway',
        async run() {
          const { status, text } = await asAva('query($r: [_Any!]!) { _entities(representations: $r) { ... on Matter { title } } }', { r: [{ __typename: 'Matter', id: benMatterIds[0] }] });
          expect(status).toBe(400);
          return text;
        },
      },
      {
        name: 'staff-only field of her own matter',
        async run() {
          const { text } = await asAva('{ matters { legacyStatus { status } } }');
          const body = JSON.parse(text) as { errors: Array<{ extensions: { code: string } }> };
          expect(body.errors.map((e) => e.extensions.code)).toContain('FORBIDDEN');
          expect(text).not.toMatch(/"status":"(Open|Pending|Closed)"/);
          return text;
        },
      },
      unauthenticated('no token', async () => ''),
      unauthenticated('a token that is not a JWT', async () => 'Bearer not-a-jwt'),
      unauthenticated('alg none', async () => `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims(), sub: ava.accountId, iss: system.config.auth.issuer, aud: system.config.auth.audience, exp: Math.floor(Date.now() / 1000) + 600 })}.`),
      unauthenticated('signed with another secret', async () => `Bearer ${await portalToken((j) => j.setExpirationTime('10m'), 'an-attacker-guessed-secret-that-is-long-enough')}`),
      unauthenticated('expired', async () => `Bearer ${await portalToken((j) => j.setIssuedAt(Math.floor(Date.now() / 1000) - 3600).setExpirationTime(Math.floor(Date.now() / 1000) - 60))}`),
      unauthenticated('not yet valid', async () => `Bearer ${await portalToken((j) => j.setNotBefore('1h').setExpirationTime('2h'))}`),
      unauthenticated('wrong audience', async () => `Bearer ${await portalToken((j) => j.setAudience('someone-else').setExpirationTime('10m'))}`),
      unauthenticated('wrong issuer', async () => `Bearer ${await portalToken((j) => j.setIssuer('https://evil.example').setExpirationTime('10m'))}`),
      unauthenticated("her real token with Ben's client id swapped into the payload", async () => {
        const [header, payload, signature] = avaToken.split('.');
        const claimsOfAva = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
        return `Bearer ${header}.${base64url({ ...claimsOfAva, client_id: benClientId })}.${signature}`;
      }),
      unauthenticated('her real token promoted to ADMIN in the payload', async () => {
        const [header, payload, signature] = avaToken.split('.');
        const claimsOfAva = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
        return `Bearer ${header}.${base64url({ ...claimsOfAva, role: 'ADMIN' })}.${signature}`;
      }),
      tooBig('depth bomb', `{ matters { client { matters { client { matters { client { matters { client { matters { client { matters { client { name } } } } } } } } } } } }`),
      tooBig('alias bomb', `{ ${Array.from({ length: 200 }, (_, i) => `a${i}: me { id }`).join(' ')} }`),
      tooBig('cost bomb', `{ ${Array.from({ length: 25 }, (_, i) => `m${i}: matters { documents { name matter { documents { name matter { documents { name } } } } } }`).join(' ')} }`),
      // Each fragment spreads the next twice: 2^30 fields in 1.5 KB, refused without expanding it.
      tooBig('fragment-chain cost bomb', `{ ...F0 } ${Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { me { id } ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F30 on Query { me { id } }`),
      tooBig('oversized document', `{ me { id } } ${'#'.repeat(50_000)}`),
      {
        name: 'batch of operations',
        async run() {
          const response = await fetch(gateway(), {
            method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${avaToken}` },
            body: JSON.stringify(Array.from({ length: 20 }, () => ({ query: '{ matters { id } }' }))),
          });
          expect(response.status).toBe(400);
          return response.text();
        },
      },
    ];
    for (const subgraph of Object.keys(system.subgraphUrls) as SubgraphName[]) {
      list.push(
        directToSubgraph(subgraph, '_service without the gateway identity', '{ _service { sdl } }', async () => ({})),
        directToSubgraph(subgraph, '_entities without the gateway identity', 'query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }', async () => ({})),
        directToSubgraph(subgraph, "with Ava's portal token instead of the gateway identity", '{ _service { sdl } }', async () => ({ authorization: `Bearer ${avaToken}` })),
        directToSubgraph(subgraph, 'with an identity signed by another secret', '{ _service { sdl } }', async () => asGateway(ava, { ...system.config, auth: { ...system.config.auth, subgraphSecret: 'x'.repeat(40) } })),
      );
    }
    for (const [subgraph, typename, id] of [
      ['matters', 'Matter', () => benMatterIds[0]], ['matters', 'Client', () => benClientId],
      ['billing', 'Matter', () => benMatterIds[0]], ['billing', 'Client', () => benClientId],
    ] as const) {
      list.push({
        name: `${subgraph}: _entities for Ben's ${typename} with Ava's gateway identity`,
        async run() {
          const query = `query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`;
          const headers = await asGateway(ava, system.config);
          const his = await postGraphQLText(system.subgraphUrls[subgraph], query, { r: [{ __typename: typename, id: id() }] }, headers);
          const nobody = await postGraphQLText(system.subgraphUrls[subgraph], query, { r: [{ __typename: typename, id: 'no-such-id' }] }, headers);
          expect(his.text).toBe(nobody.text);
          return his.text;
        },
      });
    }
    return list;
  }

  it('refuses every attack the right way, and leaks nothing of Ben', async () => {
    for (const attack of attacks()) {
      try {
        const text = await attack.run();
        outcomes.push({ name: attack.name, refused: true, leaked: benSecrets.find((secret) => text.includes(secret)) });
      } catch (error) {
        outcomes.push({ name: attack.name, refused: false, leaked: undefined, detail: error instanceof Error ? error.message : String(error) });
      }
    }
    expect(outcomes.filter((o) => !o.refused || o.leaked)).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(50);
  }, 120_000);

  it('stops a password brute force: after the allowed failures even the right password is refused', async () => {
    const attempt = (email: string, password: string) => fetch(gateway().replace(/\/graphql$/, '/auth/login'), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    const unknown = await attempt('nobody@example.com', 'guess-0');
    const wrong = await attempt('ben.okafor@example.com', 'guess-0');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(await unknown.text()).toBe(await wrong.text());
    const statuses: number[] = [];
    for (let i = 1; i <= 30; i++) statuses.push((await attempt('ben.okafor@example.com', `guess-${i}`)).status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const right = await attempt('ben.okafor@example.com', 'casebridge-demo');
    expect(right.status).not.toBe(200);
    expect(await right.text()).not.toContain('token"');
  }, 120_000);
});
