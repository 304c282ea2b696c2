import type { Language, ReplyTemplate, RoutingConditions, RoutingPolicy, RoutingRule, TaskPriority } from './vocabulary.js';

/** The CMS as routing sees it: users, groups (teams) and their members. */
export interface Directory {
  users: ReadonlyArray<{ id: string; name: string; email: string; enabled: boolean; attorney: boolean }>;
  groups: ReadonlyArray<{ id: string; name: string; memberIds: readonly string[] }>;
}

/** What routing needs of a lead. */
export interface RoutingInput {
  practiceArea: string;
  state: string | null;
  city: string | null;
  zip: string | null;
  language: Language;
  conflict: boolean;
}

/** A decision, stored with the lead (LeadRow.routing); people and teams by name, with their CMS ids. */
export interface Routing {
  team: string;
  office: string | null;
  responsibleAttorney: string | null;
  responsibleAttorneyId: string | null;
  responsibleAttorneyEmail: string | null;
  assignee: string | null;
  assigneeId: string | null;
  rule: string;
  explanation: string;
  priority: TaskPriority;
  slaSeconds: number;
  reply: ReplyTemplate;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function failedCondition(when: RoutingConditions, input: RoutingInput): string | null {
  if (when.conflict !== undefined && when.conflict !== input.conflict) return 'conflict';
  if (when.practiceAreas && !when.practiceAreas.some((p) => same(p, input.practiceArea))) return 'practice area';
  if (when.states && !(input.state && when.states.some((s) => same(s, input.state ?? '')))) return 'state';
  if (when.cities && !(input.city && when.cities.some((c) => same(c, input.city ?? '')))) return 'city';
  if (when.zipPrefixes && !(input.zip && when.zipPrefixes.some((z) => (input.zip ?? '').startsWith(z)))) return 'ZIP';
  if (when.languages && !when.languages.includes(input.language)) return 'language';
  return null;
}

function describe(rule: RoutingRule, input: RoutingInput): string {
  const parts: string[] = [];
  if (rule.when.conflict) parts.push('the opposing party is a client of the firm');
  if (rule.when.practiceAreas) parts.push(`practice area ${input.practiceArea}`);
  if (rule.when.states) parts.push(`state ${input.state ?? ''}`);
  if (rule.when.cities) parts.push(`city ${input.city ?? ''}`);
  if (rule.when.zipPrefixes) parts.push(`ZIP ${input.zip ?? ''}`);
  if (rule.when.languages) parts.push(`language ${input.language}`);
  return parts.length > 0 ? `Rule "${rule.name}" matched: ${parts.join(', ')}.` : `No specific rule matched; "${rule.name}" takes every other lead.`;
}

/**
 * Routes one lead: the first rule whose conditions hold, its team's people resolved in the CMS
 * directory, the assignee chosen round-robin (`turn`: how many leads this team has had) among the
 * enabled candidates — only the Spanish speakers among them for a Spanish-speaking prospect, when
 * there is one. `slaSecondsOverride` is INTAKE_SLA_SECONDS.
 */
export function route(policy: RoutingPolicy, directory: Directory, input: RoutingInput, turn: number, slaSecondsOverride?: number): Routing {
  const rule = policy.rules.find((r) => failedCondition(r.when, input) === null);
  if (!rule) throw new Error('No routing rule matched: the last rule in subgraphs/intake/routing/rules.ts must have no conditions.');
  const group = directory.groups.find((g) => same(g.name, rule.team));
  const byName = (name: string) => directory.users.find((u) => same(u.name, name));
  const members = group ? group.memberIds.flatMap((id) => directory.users.filter((u) => u.id === id)) : [];
  const attorney = rule.responsibleAttorney ? byName(rule.responsibleAttorney) : members.find((u) => u.attorney && u.enabled);
  let candidates = (rule.assignees ? rule.assignees.flatMap((name) => byName(name) ?? []) : members).filter((u) => u.enabled);
  const notes: string[] = [describe(rule, input)];
  if (input.language === 'es') {
    const speakers = candidates.filter((u) => policy.spanishSpeakers.some((name) => same(name, u.name)));
    if (speakers.length > 0) {
      candidates = speakers;
      notes.push('Spanish-speaking prospect: assigned to a Spanish speaker.');
    } else {
      notes.push('Spanish-speaking prospect, but the team has no Spanish speaker.');
    }
  }
  const assignee = candidates.length > 0 ? candidates[turn % candidates.length] : (attorney?.enabled ? attorney : undefined);
  if (!group) notes.push(`The CMS has no group "${rule.team}".`);
  if (candidates.length > 1) notes.push(`Round-robin among ${candidates.map((u) => u.name).join(', ')}.`);
  return {
    team: rule.team,
    office: rule.office ?? null,
    responsibleAttorney: attorney?.name ?? rule.responsibleAttorney ?? null,
    responsibleAttorneyId: attorney?.id ?? null,
    responsibleAttorneyEmail: attorney?.email ?? null,
    assignee: assignee?.name ?? null,
    assigneeId: assignee?.id ?? null,
    rule: rule.name,
    explanation: notes.join(' '),
    priority: rule.priority,
    slaSeconds: slaSecondsOverride ?? rule.slaHours * 3600,
    reply: rule.reply,
  };
}

/** The firm's practice area a submission names: a CMS name (any case) or one of its common phrases. */
export function practiceAreaOf(policy: RoutingPolicy, text: string): string | null {
  const wanted = text.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const [area, phrases] of Object.entries(policy.practiceAreaPhrases)) {
    if (area.toLowerCase() === wanted || phrases.some((p) => p.toLowerCase() === wanted)) return area;
  }
  return null;
}
