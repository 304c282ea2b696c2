import type { DataSource } from 'typeorm';
import { badUserInput } from '../../../shared/errors.js';
import type { QueryResolvers } from '../generated/resolvers.js';
import { parseSince, replayRules } from '../rules/replay.js';

/** Query.rulesReplay: the dry run of the rules, limited to the matters the caller may see. */
export function createRulesReplay(dataSource: DataSource): NonNullable<QueryResolvers['rulesReplay']> {
  return async (_, { since }, { loaders }) => {
    const from = parseSince(since);
    if (!from) {
      throw badUserInput(`since must be a span such as "30d", "12h" or "90m", or an ISO 8601 date-time; got "${since}".`, 'since');
    }
    const decisions = await replayRules(dataSource, from);
    const visible = await Promise.all(decisions.map((d) => loaders.visibility.mayReadMatter({ id: d.matterId })));
    return decisions.filter((_d, i) => visible[i]);
  };
}
