/** The words of the routing rules (rules.ts): what a rule may test and what it decides. */

export type Language = 'en' | 'es';
export type TaskPriority = 'High' | 'Normal' | 'Low';
/** `standard`: team, attorney, deadline and what to prepare; `neutral`: promises nothing (conflicts). */
export type ReplyTemplate = 'standard' | 'neutral';

/** Every given condition must hold; a rule without conditions matches everything. */
export interface RoutingConditions {
  /** CMS practice area names. */
  practiceAreas?: readonly string[];
  /** Two-letter USPS codes. */
  states?: readonly string[];
  /** Compared ignoring case. */
  cities?: readonly string[];
  /** ZIP codes starting with one of these. */
  zipPrefixes?: readonly string[];
  languages?: readonly Language[];
  /** true: only when the conflict check found one; false: only when it did not. */
  conflict?: boolean;
}

export interface RoutingRule {
  /** Shown as LeadRouting.rule. */
  name: string;
  when: RoutingConditions;
  /** The CMS group (Clio `groups`) that takes the lead. */
  team: string;
  office?: string;
  /** A user by name; unset: the first enabled attorney of the team. */
  responsibleAttorney?: string;
  /** Round-robin over these users by name (disabled ones skipped); unset: the whole team. */
  assignees?: readonly string[];
  priority: TaskPriority;
  /** The follow-up task is due this long after the submission (INTAKE_SLA_SECONDS replaces it). */
  slaHours: number;
  reply: ReplyTemplate;
}

export interface RoutingPolicy {
  /** First match wins; the last rule should match everything. */
  rules: readonly RoutingRule[];
  /** People (by CMS name) who speak Spanish: Spanish-speaking prospects go to one when the team has one. */
  spanishSpeakers: readonly string[];
  /** The firm's practice areas by CMS name, each with the common phrases people use for it. */
  practiceAreaPhrases: Readonly<Record<string, readonly string[]>>;
}
