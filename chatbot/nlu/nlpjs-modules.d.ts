// The few NLP.js entry points we use (the packages ship no types); kept behind chatbot/nlu/types.ts.
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
    get(name: 'nlp'): import('@nlpjs/nlp').NlpInstance;
    registerConfiguration(tag: string, configuration: Record<string, unknown>, overwrite?: boolean): void;
  }
  export function containerBootstrap(): Promise<Container>;
}
declare module '@nlpjs/nlp' {
  export interface NlpResult {
    intent: string;
    score: number;
    classifications: Array<{ intent: string; score: number }>;
  }
  export interface NlpInstance {
    settings: { autoSave: boolean; log: boolean };
    addLanguage(language: string): void;
    addDocument(language: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(language: string, utterance: string): Promise<NlpResult>;
  }
  export const Nlp: unknown;
}
declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}
declare module '@nlpjs/lang-es' {
  export const LangEs: unknown;
}
declare module '@nlpjs/builtin-microsoft' {
  export interface BuiltinEdge {
    entity: string;
    sourceText: string;
    resolution: Record<string, unknown>;
  }
  export class BuiltinMicrosoft {
    constructor(settings: { builtins: string[] });
    findBuiltinEntities(text: string, locale: string): { edges: BuiltinEdge[] };
  }
}
