/**
 * A client's portal asks for a page of notifications that is too large, or follows a cursor that
 * went stale; a paralegal overrides a stage without saying why; a client saves an impossible
 * digest hour. Each must learn, through the gateway, what was wrong and where (the argument, and
 * the field inside an input object) — BAD_USER_INPUT with the subgraph's message, never a bare
 * "Internal server error" — and a subgraph that answers such an error with an HTTP error status
 * must not turn it into one either, while its internals stay hidden.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { issueAccessToken } from '../shared/auth/tokens.js';
import type { Principal } from '../shared/auth/principal.js';
import type { RunningServer } from '../shared/graphql/subgraph-server.js';
import { startGateway } from '../gateway/server.js';
import { createMigratedTestDatabase } from './support/database.js';
import { FIRM, principals, seedFirm } from './support/firm.js';
import { postGraphQL, postGraphQLText } from './support/graphql.js';
import { startGraph, type RunningGraph } from './support/graph.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const logger = createLogger('test', 'silent');
const PAGE = 'query Page($first: Int, $after: String) { notifications(first: $first, after: $after) { edges { node { id } } } }';

describe('bad input through the gateway', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let graph: RunningGraph;
  let gateway: RunningServer | undefined;
  let fake: http.Server;
  let fakeAnswer: { status: number; body: object } = { status: 200, body: {} };
  const as = async (principal: Principal) => ({ authorization: `Bearer ${await issueAccessToken(principal, config.auth)}` });

  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    await seedFirm(testDb.db.dataSource);
    graph = await startGraph({ config, dataSource: testDb.db.dataSource, logger });
    // A notifications subgraph that answers whatever status and body the test sets.
    fake = http.createServer((_req, res) => res.writeHead(fakeAnswer.status, { 'content-type': 'application/json' }).end(JSON.stringify(fakeAnswer.body)));
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await gateway?.close();
    await graph?.close();
    await testDb?.drop();
    await new Promise((resolve) => fake?.close(resolve));
  });

  it('answers notifications(first: 1000) and a cursor it never gave out with BAD_USER_INPUT naming the argument', async () => {
    const headers = await as(principals.ava);
    const tooMany = await postGraphQL(graph.gatewayUrl, PAGE, { first: 1000 }, headers);
    expect(tooMany.status).toBe(200);
    expect(tooMany.body).toEqual({
      data: null,
      errors: [{ message: '"first" must be between 1 and 100.', path: ['notifications'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' } }],
    });
    const stale = await postGraphQL(graph.gatewayUrl, PAGE, { after: 'bm90LWEtY3Vyc29y' }, headers);
    expect(stale.body.errors).toEqual([{
      message: '"after" is not a cursor this API gave out: pass pageInfo.endCursor of the previous page.',
      path: ['notifications'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    }]);
  });

  it("answers the matters subgraph's bad input, and a bad field inside an input object, with the argument and the field", async () => {
    const override = 'mutation($id: ID!) { overrideMatterStage(matterId: $id, stage: DISCOVERY, reason: "  ") { stage } }';
    const blank = await postGraphQL(graph.gatewayUrl, override, { id: FIRM.matters.avaLitigation.id }, await as(principals.sarah));
    expect(blank.body.errors).toEqual([{
      message: expect.stringMatching(/^reason is required: say why/), path: ['overrideMatterStage'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'reason' },
    }]);
    const preferences = 'mutation { updateNotificationPreferences(input: { dailyHour: 30 }) { dailyHour } }';
    const late = await postGraphQL(graph.gatewayUrl, preferences, {}, await as(principals.ava));
    expect(late.body.errors).toEqual([{
      message: 'input.dailyHour: must be an hour from 0 to 23. Nothing was changed.',
      path: ['updateNotificationPreferences'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'input', field: 'dailyHour' },
    }]);
  });

  it("relays the errors of a subgraph's non-2xx answer, masking all but our codes", async () => {
    const { port } = fake.address() as AddressInfo;
    gateway = await startGateway({ config, dataSource: testDb.db.dataSource, logger, port: 0, subgraphUrls: { ...graph.subgraphUrls, notifications: `http://127.0.0.1:${port}/graphql` } });
    const headers = await as(principals.ava);
    fakeAnswer = {
      status: 400,
      body: { data: null, errors: [{ message: '"first" must be between 1 and 100.', path: ['notifications'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'first', http: { status: 400 } } }] },
    };
    const relayed = await postGraphQL(gateway.url, PAGE, { first: 1000 }, headers);
    expect(relayed.body.errors).toEqual([{ message: '"first" must be between 1 and 100.', path: ['notifications'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' } }]);
    fakeAnswer = {
      status: 500,
      body: { data: null, errors: [{ message: 'relation "notifications.notification" does not exist', path: ['notifications'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
    };
    const internal = await postGraphQLText(gateway.url, PAGE, { first: 1 }, headers);
    expect(internal.text).not.toMatch(/relation|does not exist|serviceName/);
    expect(JSON.parse(internal.text).errors).toEqual([{ message: 'Internal server error', path: ['notifications'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
  });
});
