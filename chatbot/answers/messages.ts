/** Everything the chatbot says, per language: answers/en.ts and answers/es.ts implement it. */
export interface EventLine {
  title: string;
  when: string;
  location: string | null;
}

export interface Messages {
  greeting(name: string | null): string;
  help(): string;
  outOfScope(): string;
  notUnderstood(): string;
  legalAdvice(): string;
  refused(): string;
  unknownMatter(): string;
  whichMatter(titles: readonly string[]): string;
  nextHearing(matter: string, event: EventLine): string;
  noHearing(matter: string | null): string;
  upcomingEvents(matter: string | null, events: readonly EventLine[]): string;
  noEvents(matter: string | null): string;
  balance(lines: ReadonlyArray<{ matter: string; amount: string }>, total: string | null): string;
  invoices(lines: ReadonlyArray<{ matter: string; number: string; issued: string; total: string; balance: string; status: string }>): string;
  noInvoices(matter: string | null): string;
  invoiceStatus(status: string): string;
  documentReceived(what: string, name: string, received: string, matter: string): string;
  documentNotReceived(what: string, matter: string | null): string;
  recentDocuments(matter: string, names: readonly string[]): string;
  transcriptOf(deponent: string): string;
  stage(matter: string, stage: string, since: string | null, latest: string | null): string;
  /** `earlier`: how many more updates there are than the lines told. */
  updates(matter: string | null, lines: ReadonlyArray<{ when: string; title: string }>, since: string | null, earlier: number): string;
  noUpdates(matter: string | null, since: string | null): string;
  matters(titles: readonly string[]): string;
  noMatters(): string;
  contact(matter: string, name: string, email: string | null): string;
  noAttorney(matter: string): string;
  handoffCreated(name: string | null, due: string, matter: string): string;
  handoffUnavailable(): string;
  /** Said before the handoff that repeated misunderstandings lead to. */
  handoffOffer(): string;
  suggestions: {
    start: readonly string[];
    afterHearing: readonly string[];
    afterBalance: readonly string[];
    afterDocuments: readonly string[];
    afterStage: readonly string[];
    handoff: readonly string[];
  };
}
