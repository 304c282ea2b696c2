import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import { loaderOfOne } from '../../shared/graphql/loaders.js';
import { findVisibleMatters, type MatterKey } from '../matters/published-queries.js';

/**
 * The documents context's one access rule: a document is visible exactly when its matter is, as
 * the matters context decides (asked once per request for every matter number involved).
 */
export function visibleMatterByNumber(dataSource: DataSource, principal: Principal): DataLoader<string, MatterKey | null> {
  return loaderOfOne((numbers) => findVisibleMatters(dataSource, principal, 'number', numbers), (m) => m.number);
}
