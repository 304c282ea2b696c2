import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import { loaderOfMany, loaderOfOne } from '../../shared/graphql/loaders.js';
import type { SubgraphContext } from '../../shared/graphql/subgraph-server.js';
import { DocumentRow } from './entities/index.js';
import { documentsVisibility } from './access.js';
import { signDownloadPath } from '../../shared/auth/download-links.js';

export type DocumentsLoaders = ReturnType<typeof createDocumentsLoaders>;

export type DocumentsContext = SubgraphContext<DocumentsLoaders>;

export function createDocumentsLoaders(dataSource: DataSource, principal: Principal, subgraphSecret: string) {
  const documents = () => dataSource.getRepository(DocumentRow).createQueryBuilder('d');
  const visibility = documentsVisibility(dataSource, principal);
  const visibleMatter = visibility.matterByNumber;
  const documentById = loaderOfOne((ids) => documents().where('d.id = ANY(:ids)', { ids }).getMany(), (d) => d.id);
  const documentsByMatterNumber = loaderOfMany(
    (numbers) => documents().where('d.matterNumber = ANY(:numbers)', { numbers })
      .orderBy('d.receivedAt', 'DESC').addOrderBy('d.id').getMany(),
    (d) => d.matterNumber,
  );
  return {
    visibility,
    visibleMatter,
    /** The document, if its matter is visible. */
    async visibleDocument(id: string): Promise<DocumentRow | null> {
      const document = await documentById.load(id);
      return document && (await visibleMatter.load(document.matterNumber)) ? document : null;
    },
    /** The documents of a matter, or none when the matter is not visible. */
    async documentsOfMatter(number: string): Promise<DocumentRow[]> {
      const [matter, rows] = await Promise.all([visibleMatter.load(number), documentsByMatterNumber.load(number)]);
      return matter ? rows : [];
    },
    /** A short-lived signed link to the watermarked copy, for this login only. */
    downloadUrl: (documentId: string) => signDownloadPath(subgraphSecret, documentId, principal.accountId),
  };
}
