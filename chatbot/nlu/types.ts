import type { Language } from '../language.js';

/** What the classifier made of a message: its best intent and how sure it is (0 to 1). */
export interface Understanding {
  intent: string;
  score: number;
}

/** Intents with example utterances, per language: what the classifier is trained on. */
export type TrainingSet = Record<Language, Record<string, readonly string[]>>;

/**
 * Our interface to an NLU library (NLP.js today, behind chatbot/nlu/nlpjs.ts): swapping the
 * library changes that one file.
 */
export interface IntentClassifier {
  classify(text: string, language: Language): Promise<Understanding>;
}

/** Dates in a message: the start of the period it refers to ("since last week", "desde el 3 de marzo"). */
export interface DateExtractor {
  since(text: string, language: Language, now: Date): Date | null;
}
