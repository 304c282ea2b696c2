import type { DataSource } from 'typeorm';
import { LeadRow } from '../entities/index.js';
import { route, type Directory, type Routing } from './engine.js';
import { ROUTING } from './rules.js';
import type { RoutingPolicy } from './vocabulary.js';

export interface ReplayDecision {
  lead: LeadRow;
  routing: Routing;
  changed: boolean;
}

const REPLAY_LIMIT = 500;

/**
 * The people and teams the rules name, as a directory, so a replay needs no CMS: each rule's team
 * holds its assignees and responsible attorney, everyone counted enabled.
 */
export function directoryOfRules(policy: RoutingPolicy): Directory {
  const names = new Set<string>();
  const groups = new Map<string, Set<string>>();
  for (const rule of policy.rules) {
    const members = groups.get(rule.team) ?? new Set<string>();
    for (const name of [...(rule.assignees ?? []), ...(rule.responsibleAttorney ? [rule.responsibleAttorney] : [])]) {
      names.add(name);
      members.add(name);
    }
    groups.set(rule.team, members);
  }
  return {
    users: [...names].map((name) => ({ id: name, name, email: '', enabled: true, attorney: policy.rules.some((r) => r.responsibleAttorney === name) })),
    groups: [...groups].map(([name, members]) => ({ id: name, name, memberIds: [...members] })),
  };
}

/**
 * A dry run of the current rules over the leads received since `since` (oldest first, at most
 * 500): what each would get now, beside what it got. Reads only; the conflict outcome is the one
 * recorded (none for a lead not yet checked).
 */
export async function replayRouting(dataSource: DataSource, since: Date, policy: RoutingPolicy = ROUTING): Promise<ReplayDecision[]> {
  const leads = await dataSource.getRepository(LeadRow).createQueryBuilder('l')
    .where('l.receivedAt >= :since', { since }).orderBy('l.receivedAt', 'ASC').addOrderBy('l.id', 'ASC').limit(REPLAY_LIMIT).getMany();
  const directory = directoryOfRules(policy);
  const turns = new Map<string, number>();
  return leads.map((lead) => {
    const input = { practiceArea: lead.practiceArea, state: lead.state, city: lead.city, zip: lead.zip, language: lead.language, conflict: lead.conflict };
    const team = route(policy, directory, input, 0).team;
    const turn = turns.get(team) ?? 0;
    turns.set(team, turn + 1);
    const routing = route(policy, directory, input, turn);
    const before = lead.routing;
    const changed = before === null || before.team !== routing.team || before.rule !== routing.rule || before.responsibleAttorney !== routing.responsibleAttorney;
    return { lead, routing, changed };
  });
}
