/** The chatbot's allow-list is typed against the graph the gateway serves: its generated files must be current. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadOperations } from '../operations/index.js';

describe('chatbot/operations', () => {
  // GraphQL Code Generator's CLI loads ESM-only modules Jest cannot: it runs as its own process.
  it('has its API schema and operation types up to date (run `npm run codegen:chatbot` when this fails)', async () => {
    await expect(promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/codegen-chatbot.ts', '--check'], { timeout: 60_000 })).resolves.toBeDefined();
  });

  it('allow-lists exactly the operations of its .graphql files, one named operation each', () => {
    expect([...loadOperations().keys()].sort()).toEqual([
      'Balances', 'ChatMatters', 'Contacts', 'Conversation', 'Invoices', 'MatterDocuments', 'MatterEvents', 'MatterStages', 'RecordChatTurn', 'RequestHandoff',
    ]);
  });
});
