import type { DataSource } from 'typeorm';
import type { Principal } from '../../shared/auth/principal.js';
import { createVisibility, type Visibility } from '../matters/published-queries.js';

/**
 * The documents context's one access rule: a document is visible exactly when its matter is, as
 * the matters context decides (asked once per request for every matter number involved; the same
 * loader answers the SDL's @matterAccess).
 */
export function documentsVisibility(dataSource: DataSource, principal: Principal): Visibility {
  return createVisibility(dataSource, principal);
}
