import { containerBootstrap } from '@nlpjs/core';
import { Nlp } from '@nlpjs/nlp';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangEs } from '@nlpjs/lang-es';
import { LANGUAGES } from '../language.js';
import type { IntentClassifier, TrainingSet } from './types.js';

/** NLP.js's neural intent classifier, trained once at start-up (milliseconds for our banks), offline. */
export async function trainNlpJsClassifier(training: TrainingSet): Promise<IntentClassifier> {
  const container = await containerBootstrap();
  // NLP.js logs every training epoch to the console unless its NLU configuration says not to.
  container.registerConfiguration('nlu-??', {
    keepStopwords: true, nonefeatureValue: 1, nonedeltaMultiplier: 1.2, spellCheck: true, spellCheckDistance: 1, filterZeros: true, log: false,
  }, true);
  container.use(Nlp);
  container.use(LangEn);
  container.use(LangEs);
  const nlp = container.get('nlp');
  nlp.settings.autoSave = false;
  nlp.settings.log = false;
  for (const language of LANGUAGES) {
    nlp.addLanguage(language);
    for (const [intent, utterances] of Object.entries(training[language])) {
      for (const utterance of utterances) nlp.addDocument(language, utterance, intent);
    }
  }
  await nlp.train();
  return {
    async classify(text, language) {
      const result = await nlp.process(language, text);
      // NLP.js answers "None" when no intent fits at all.
      return result.intent === 'None' ? { intent: 'none', score: 0 } : { intent: result.intent, score: result.score };
    },
  };
}
