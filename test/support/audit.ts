import type { DataSource } from 'typeorm';
import { AuditEntryRow } from '../../shared/audit/AuditEntry.js';

/**
 * The audit entries matching `where` once there are at least `count` of them: entries are appended
 * right after each response, not before it.
 */
export async function waitForAuditEntries(
  dataSource: DataSource, where: (entry: AuditEntryRow) => boolean, count = 1, timeoutMs = 5_000,
): Promise<AuditEntryRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await dataSource.getRepository(AuditEntryRow).find({ order: { id: 'ASC' } })).filter(where);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
