/**
 * Real-sounding questions (half Spanish; misspelled, lowercase, unpunctuated, voice-typed), none
 * of them in the training utterances, asked of the demo firm through the gateway: each gets its
 * intent, and every fact in every answer is what the graph says for the client who asked.
 */
import { readFile } from 'node:fs/promises';
import { startTestSystem, type TestSystem } from '../../test/support/system.js';
import { loadTrainingSet } from '../nlu/index.js';
import { LANGUAGES, type Language } from '../language.js';
import { chatUrlOf, postChat, type ChatAnswer } from './chat-client.js';
import { checkAgainstGraph, factsOf, type Facts } from './graph-facts.js';

type Bank = Record<Language, Record<string, string[]>>;
const loadBank = async (): Promise<Bank> => JSON.parse(await readFile(new URL('./question-bank.json', import.meta.url), 'utf8')) as Bank;
const MIN_ACCURACY = 0.95;

let system: TestSystem;
let ava: string;
let facts: Facts;

beforeAll(async () => {
  system = await startTestSystem({ RATE_LIMIT_CLIENT_PER_MINUTE: '100000', CHATBOT_RATE_LIMIT_PER_MINUTE: '100000' });
  ava = await system.login('ava.martin@example.com');
  facts = await factsOf(system, ava);
}, 180_000);
afterAll(() => system?.stop());

/** Asks one question in a fresh conversation; a "which matter?" is answered with the first matter offered. */
async function ask(question: string, language: Language): Promise<{ first: ChatAnswer; final: ChatAnswer }> {
  const url = chatUrlOf(system.gatewayUrl);
  const first = await postChat(url, ava, { message: question, language });
  if (first.body.intent !== 'clarify' || first.body.suggestions.length === 0) return { first, final: first };
  const final = await postChat(url, ava, { message: first.body.suggestions[0], language, conversationId: first.body.conversationId });
  return { first, final };
}

describe('the question bank', () => {
  it('holds at least 200 questions, half of them Spanish, none used for training', async () => {
    const bank = await loadBank();
    const training = await loadTrainingSet();
    const count = (language: Language) => Object.values(bank[language]).flat().length;
    expect(count('en') + count('es')).toBeGreaterThanOrEqual(200);
    expect(count('es')).toBeGreaterThanOrEqual((count('en') + count('es')) / 2);
    for (const language of LANGUAGES) {
      const trained = new Set(Object.values(training[language]).flat().map((u) => u.toLowerCase()));
      expect(Object.values(bank[language]).flat().filter((q) => trained.has(q.toLowerCase().replace(/^[¿¡]|[?!]$/g, '')))).toEqual([]);
    }
  });

  it.each(LANGUAGES)('understands at least 95%% of the %s questions, and every answer is true to the graph', async (language) => {
    const bank = await loadBank();
    const misses: string[] = [];
    const untrue: string[] = [];
    let total = 0;
    for (const [intent, questions] of Object.entries(bank[language])) {
      for (const question of questions) {
        total += 1;
        const { first, final } = await ask(question, language);
        expect(first.status).toBe(200);
        if (final.body.intent !== intent) misses.push(`${question} → ${final.body.intent} (want ${intent})`);
        // Read after the answer: the worker may still be recording updates from the first import.
        untrue.push(...checkAgainstGraph(final.body.intent, final.body.data, await factsOf(system, ava)).map((p) => `${question}: ${p}`));
      }
    }
    expect(untrue).toEqual([]);
    expect({ accuracy: 1 - misses.length / total >= MIN_ACCURACY, misses }).toEqual({ accuracy: true, misses: expect.any(Array) });
  }, 300_000);

  it("knows which deposition transcripts arrived: Jane Doe's yes, Marcus Lee's not yet", async () => {
    const jane = (await ask("Did you get the transcript from Jane Doe's deposition?", 'en')).final.body;
    expect(jane).toMatchObject({ intent: 'document_status', data: { document: { kind: 'DEPOSITION_TRANSCRIPT' } } });
    expect(jane.text).toMatch(/^Yes/);
    const marcus = (await ask('recibieron la transcripción de la declaración de Marcus Lee', 'es')).final.body;
    expect(marcus).toMatchObject({ intent: 'document_status', data: { deposition: { deponent: 'Marcus Lee', transcript: null } } });
    expect(marcus.text).toMatch(/^Todavía no/);
  });

  it('says so when there is nothing: no bills on a matter without any', async () => {
    const noBills = facts.matters.find((m) => m.invoices.length === 0);
    if (!noBills) return;
    const answer = (await ask(`show the bills for ${noBills.number}`, 'en')).final.body;
    expect(answer).toMatchObject({ intent: 'invoices', data: { invoices: [] } });
    expect(answer.text).toContain('no bills');
  });
});
