import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import { loaderOfMany, loaderOfOne } from '../../shared/graphql/loaders.js';
import type { SubgraphContext } from '../../shared/graphql/subgraph-server.js';
import { ClientRow, MatterEventRow, MatterRow } from './entities/index.js';
import { scopeClients, scopeMatters } from './access.js';

export type MattersLoaders = ReturnType<typeof createMattersLoaders>;

/** One request's reads, each already scoped to what the principal may see. */
export function createMattersLoaders(dataSource: DataSource, principal: Principal) {
  const matters = () => scopeMatters(dataSource.getRepository(MatterRow).createQueryBuilder('m'), principal, 'm');
  const clients = () => scopeClients(dataSource.getRepository(ClientRow).createQueryBuilder('c'), principal, 'c');

  const matterById = loaderOfOne((ids) => matters().andWhere('m.id = ANY(:ids)', { ids }).getMany(), (m) => m.id);
  const matterByNumber = loaderOfOne((numbers) => matters().andWhere('m.number = ANY(:numbers)', { numbers }).getMany(), (m) => m.number);
  const prime = (rows: MatterRow[]) => {
    for (const row of rows) {
      matterById.prime(row.id, row);
      matterByNumber.prime(row.number, row);
    }
    return rows;
  };

  return {
    /** Every matter the caller may see, by display number. */
    allMatters: async () => prime(await matters().orderBy('m.number').getMany()),
    matterById,
    matterByNumber,
    mattersByClientId: loaderOfMany(
      async (clientIds) => prime(await matters().andWhere('m.clientId = ANY(:clientIds)', { clientIds }).orderBy('m.number').getMany()),
      (m) => m.clientId,
    ),
    clientById: loaderOfOne((ids) => clients().andWhere('c.id = ANY(:ids)', { ids }).getMany(), (c) => c.id),
    /** Events of matters already found visible, oldest first. */
    eventsByMatterId: loaderOfMany(
      (matterIds) => dataSource.getRepository(MatterEventRow).createQueryBuilder('e')
        .where('e.matterId = ANY(:matterIds)', { matterIds })
        .orderBy('e.startsAt').addOrderBy('e.id')
        .getMany(),
      (e) => e.matterId,
    ),
  };
}

export type MattersContext = SubgraphContext<MattersLoaders>;
