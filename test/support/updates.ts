import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { recordEvents } from '../../shared/events/index.js';
import { MatterUpdateRow } from '../../subgraphs/matters/entities/index.js';

/**
 * The rules' `announce` column, until their branch lands: a test database gets it here, so tests
 * can publish updates not meant for the client.
 */
export async function ensureAnnounceColumn(dataSource: DataSource): Promise<void> {
  await dataSource.query(`ALTER TABLE matters.matter_updates ADD COLUMN IF NOT EXISTS announce boolean NOT NULL DEFAULT true`);
}

export interface TestUpdate {
  matterId: string;
  clientId: string;
  title: string;
  body?: string;
  category?: string;
  urgent?: boolean;
  announce?: boolean;
  supersedesId?: string;
  id?: string;
}

/** Writes matter updates and their `update.published` events in one transaction, as the rules do; returns the ids. */
export async function publishUpdates(dataSource: DataSource, updates: readonly TestUpdate[]): Promise<string[]> {
  return dataSource.transaction(async (manager) => {
    const rows = updates.map((u) => ({
      id: u.id ?? randomUUID(), matterId: u.matterId, clientId: u.clientId, at: new Date(), title: u.title, body: u.body ?? `${u.title}.`,
      category: u.category ?? 'DOCUMENT', urgent: u.urgent ?? false, rule: 'test', subject: null, supersedesId: u.supersedesId ?? null,
    }));
    await manager.getRepository(MatterUpdateRow).insert(rows);
    for (const [i, u] of updates.entries()) {
      if (u.announce === false) await manager.query(`UPDATE matters.matter_updates SET announce = false WHERE id = $1`, [rows[i]!.id]);
    }
    await recordEvents(manager, rows.map((r) => ({
      type: 'update.published' as const,
      subject: `update:${r.id}`,
      matterId: r.matterId,
      clientId: r.clientId,
      occurredAt: r.at,
      payload: { updateId: r.id, matterId: r.matterId, clientId: r.clientId, urgent: r.urgent },
      dedupeKey: `update.published:${r.id}`,
    })));
    return rows.map((r) => r.id);
  });
}

/** Withdraws an update and records `update.withdrawn`, as the rules do. */
export async function withdrawUpdate(dataSource: DataSource, update: { id: string; matterId: string; clientId: string }): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`UPDATE matters.matter_updates SET withdrawn_at = now() WHERE id = $1`, [update.id]);
    await recordEvents(manager, [{
      type: 'update.withdrawn', subject: `update:${update.id}`, matterId: update.matterId, clientId: update.clientId, occurredAt: new Date(),
      payload: { updateId: update.id, matterId: update.matterId, clientId: update.clientId }, dedupeKey: `update.withdrawn:${update.id}`,
    }]);
  });
}

/** Extra clients, each with one matter, for tests that need many recipients. */
export async function seedClients(dataSource: DataSource, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    await dataSource.query(
      `INSERT INTO matters.clients (id, name, email, kind, legacy_updated_at) VALUES ($1, $2, $3, 'Person', now())`,
      [id, `Client ${id}`, `client${id}@example.com`],
    );
    await dataSource.query(
      `INSERT INTO matters.matters (id, number, title, legacy_status, client_id, legacy_updated_at) VALUES ($1, $2, $3, 'Open', $4, now())`,
      [`m${id}`, `N-${id}`, `Matter of client ${id}`, id],
    );
  }
}

/** A cancellation as the rules write it: the new update supersedes the old, which is withdrawn, in one transaction. */
export async function supersedeUpdate(
  dataSource: DataSource, old: { id: string; matterId: string; clientId: string }, replacement: Omit<TestUpdate, 'supersedesId'>,
): Promise<string> {
  const [id] = await publishUpdates(dataSource, [{ ...replacement, supersedesId: old.id }]);
  await withdrawUpdate(dataSource, old);
  return id!;
}
