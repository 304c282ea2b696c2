import type { DataSource } from 'typeorm';
import type { QueryResolvers } from '../generated/resolvers.js';
import { replayRulesPage } from '../rules/replay.js';
import { REPLAY_MAX_EVENTS_PER_CALL, replayArgs } from '../rules/replay-args.js';

/** Query.rulesReplay: one page of the dry run of the rules, limited to the matters the caller may see. */
export function createRulesReplay(dataSource: DataSource): NonNullable<QueryResolvers['rulesReplay']> {
  return async (_, args, { loaders }) => {
    const { since, first, after } = replayArgs(args);
    const page = await replayRulesPage(dataSource, {
      since, first, after, maxEvents: REPLAY_MAX_EVENTS_PER_CALL,
      visible: async (ids) => {
        const allowed = await Promise.all(ids.map((id) => loaders.visibility.mayReadMatter({ id })));
        return new Set(ids.filter((_id, i) => allowed[i]));
      },
    });
    return page.decisions;
  };
}
