import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import { loaderOfMany, loaderOfOne } from '../../shared/graphql/loaders.js';
import type { SubgraphContext } from '../../shared/graphql/subgraph-server.js';
import { InvoiceMatterRow, InvoiceRow } from './entities/index.js';
import { createBillingAccess } from './access.js';
import { sumBalances } from './money.js';

export type BillingLoaders = ReturnType<typeof createBillingLoaders>;
export type BillingContext = SubgraphContext<BillingLoaders>;

interface BillOfMatter {
  matterId: string;
  bill: InvoiceRow;
}

export function createBillingLoaders(dataSource: DataSource, principal: Principal) {
  const access = createBillingAccess(dataSource, principal);
  const bills = () => dataSource.getRepository(InvoiceRow).createQueryBuilder('i').where('i.issuedOn IS NOT NULL');

  const matterIdsOfBill = loaderOfMany(
    (invoiceIds) => dataSource.getRepository(InvoiceMatterRow).createQueryBuilder('im').where('im.invoiceId = ANY(:invoiceIds)', { invoiceIds }).getMany(),
    (link) => link.invoiceId,
  );
  const billsByMatterId = loaderOfMany(async (matterIds): Promise<BillOfMatter[]> => {
    // One statement: the join repeats a bill once per requested matter it covers, and each row
    // carries every matter the bill covers (what its @matterAccess rule is checked against).
    const { raw, entities } = await bills()
      .innerJoin(InvoiceMatterRow, 'im', 'im.invoiceId = i.id')
      .addSelect('im.matterId', 'covered_matter_id')
      .addSelect('(SELECT array_agg(all_im.matter_id) FROM billing.invoice_matters all_im WHERE all_im.invoice_id = i.id)', 'all_matter_ids')
      .andWhere('im.matterId = ANY(:matterIds)', { matterIds })
      .orderBy('i.issuedOn', 'DESC').addOrderBy('i.number', 'DESC')
      .getRawAndEntities<{ i_id: string; covered_matter_id: string; all_matter_ids: string[] }>();
    const byId = new Map(entities.map((bill) => [bill.id, bill]));
    return raw.flatMap((row) => {
      const bill = byId.get(row.i_id);
      if (!bill) return [];
      matterIdsOfBill.prime(bill.id, row.all_matter_ids.map((matterId) => ({ invoiceId: bill.id, matterId })));
      return [{ matterId: row.covered_matter_id, bill }];
    });
  }, (row) => row.matterId);
  const billById = loaderOfOne((ids) => bills().andWhere('i.id = ANY(:ids)', { ids }).getMany(), (bill) => bill.id);

  return {
    access,
    /** The ids of every matter a bill covers. */
    matterIdsOfBill: async (id: string) => (await matterIdsOfBill.load(id)).map((link) => link.matterId),
    /** The bills of a visible matter the caller may see; none when the matter is not visible. */
    async billsOfMatter(matterId: string): Promise<InvoiceRow[]> {
      const [matter, rows] = await Promise.all([access.visibleMatterById.load(matterId), billsByMatterId.load(matterId)]);
      return matter ? rows.map((row) => row.bill).filter((bill) => access.mayShow(bill)) : [];
    },
    /** The bill, when one of the matters it covers is visible and the caller may see it. */
    async visibleBill(id: string): Promise<InvoiceRow | null> {
      const [bill, links] = await Promise.all([billById.load(id), matterIdsOfBill.load(id)]);
      if (!bill || !access.mayShow(bill)) return null;
      const matters = await access.visibleMatterById.loadMany(links.map((link) => link.matterId));
      return matters.some((m) => m !== null && !(m instanceof Error)) ? bill : null;
    },
    matterBalance: loaderOfOne((ids) => sumBalances(dataSource, 'matter', ids), (b) => b.key),
    clientBalance: loaderOfOne((ids) => sumBalances(dataSource, 'client', ids), (b) => b.key),
  };
}
