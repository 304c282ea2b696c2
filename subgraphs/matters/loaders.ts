import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import { loaderOfMany, loaderOfOne } from '../../shared/graphql/loaders.js';
import type { SubgraphContext } from '../../shared/graphql/subgraph-server.js';
import { ClientRow, MatterEventRow, MatterRow, MatterUpdateRow, StageTransitionRow } from './entities/index.js';
import { scopeClients, scopeMatters } from './access.js';
import type { AccessOracle } from '../../shared/graphql/authorization/index.js';

export type MattersLoaders = ReturnType<typeof createMattersLoaders>;

/** One request's reads, each already scoped to what the principal may see. */
export function createMattersLoaders(dataSource: DataSource, principal: Principal) {
  const matters = () => scopeMatters(dataSource.getRepository(MatterRow).createQueryBuilder('m'), principal, 'm');
  const clients = () => scopeClients(dataSource.getRepository(ClientRow).createQueryBuilder('c'), principal, 'c');

  // Each matter loader primes the others, so a matter found one way is known every way for free.
  const matterById = loaderOfOne(async (ids) => prime(await matters().andWhere('m.id = ANY(:ids)', { ids }).getMany()), (m) => m.id);
  const matterByNumber = loaderOfOne(async (numbers) => prime(await matters().andWhere('m.number = ANY(:numbers)', { numbers }).getMany()), (m) => m.number);
  const clientById = loaderOfOne((ids) => clients().andWhere('c.id = ANY(:ids)', { ids }).getMany(), (c) => c.id);
  const prime = (rows: MatterRow[]) => {
    for (const row of rows) {
      matterById.prime(row.id, row);
      matterByNumber.prime(row.number, row);
    }
    return rows;
  };

  /** This context's own answers to "may the caller see it", from the same scoped reads. */
  const visibility: AccessOracle = {
    mayReadMatter: async (ref) => ('id' in ref ? await matterById.load(ref.id) : await matterByNumber.load(ref.number)) !== null,
    mayReadClient: async (id) => (await clientById.load(id)) !== null,
  };

  return {
    visibility,
    /** Every matter the caller may see, by display number. */
    allMatters: async () => prime(await matters().orderBy('m.number').getMany()),
    matterById,
    matterByNumber,
    mattersByClientId: loaderOfMany(
      async (clientIds) => prime(await matters().andWhere('m.clientId = ANY(:clientIds)', { clientIds }).orderBy('m.number').getMany()),
      (m) => m.clientId,
    ),
    clientById,
    /** Events of matters already found visible, oldest first. */
    eventsByMatterId: loaderOfMany(
      (matterIds) => dataSource.getRepository(MatterEventRow).createQueryBuilder('e')
        .where('e.matterId = ANY(:matterIds)', { matterIds })
        .orderBy('e.startsAt').addOrderBy('e.id')
        .getMany(),
      (e) => e.matterId,
    ),
    /** Stage moves of matters already found visible, oldest first. */
    stageHistoryByMatterId: loaderOfMany(
      (matterIds) => dataSource.getRepository(StageTransitionRow).createQueryBuilder('t')
        .where('t.matterId = ANY(:matterIds)', { matterIds })
        .orderBy('t.at').addOrderBy('t.recordedAt').addOrderBy('t.id')
        .getMany(),
      (t) => t.matterId,
    ),
    /** Client-facing updates of matters already found visible, newest first, withdrawn ones left out. */
    updatesByMatterId: loaderOfMany(
      (matterIds) => dataSource.getRepository(MatterUpdateRow).createQueryBuilder('u')
        .where('u.matterId = ANY(:matterIds)', { matterIds })
        .andWhere('u.withdrawnAt IS NULL')
        .orderBy('u.at', 'DESC').addOrderBy('u.createdAt', 'DESC').addOrderBy('u.id')
        .getMany(),
      (u) => u.matterId,
    ),
  };
}

export type MattersContext = SubgraphContext<MattersLoaders>;
