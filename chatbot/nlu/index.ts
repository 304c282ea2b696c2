import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LANGUAGES } from '../language.js';
import { createDateExtractor } from './dates.js';
import { trainNlpJsClassifier } from './nlpjs.js';
import type { DateExtractor, IntentClassifier, TrainingSet } from './types.js';

const utteranceFile = z.record(z.string(), z.array(z.string().min(1)).min(1));

/** The utterance files (chatbot/utterances/<language>.json): intent → example messages. */
export async function loadTrainingSet(dir = new URL('../utterances/', import.meta.url)): Promise<TrainingSet> {
  const entries = await Promise.all(LANGUAGES.map(async (language) => {
    const file = new URL(`${language}.json`, dir);
    const parsed = utteranceFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!parsed.success) throw new Error(`chatbot/utterances/${language}.json must map each intent to a list of example messages: ${parsed.error.message}`);
    return [language, parsed.data] as const;
  }));
  return { en: entries[0]![1], es: entries[1]![1] };
}

export interface Understanding {
  classifier: IntentClassifier;
  dates: DateExtractor;
}

/** Trains the classifier on the utterance files and warms the date recognizers: once, at start-up. */
export async function startUnderstanding(training?: TrainingSet): Promise<Understanding> {
  return { classifier: await trainNlpJsClassifier(training ?? await loadTrainingSet()), dates: createDateExtractor() };
}

export type { IntentClassifier, DateExtractor, TrainingSet } from './types.js';
