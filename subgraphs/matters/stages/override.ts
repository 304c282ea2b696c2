import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Principal } from '../../../shared/auth/principal.js';
import { badUserInput, forbidden } from '../../../shared/errors.js';
import { recordEvents } from '../../../shared/events/index.js';
import type { MatterRow } from '../entities/index.js';
import type { MattersLoaders } from '../loaders.js';
import { MATTER_STAGES, isMatterStage, transition } from './stage-machine.js';
import type { MutationOverrideMatterStageArgs } from '../generated/resolvers.js';

export const STAFF_OVERRIDE_RULE = 'staff-override';


const input = z.object({
  matterId: z.string().trim().min(1, 'matterId is required: the CMS id of the matter to move.'),
  stage: z.enum(MATTER_STAGES),
  reason: z.string().trim().min(1, 'reason is required: say why the rules got the stage wrong (it is kept in the stage history).').max(2000, 'reason is limited to 2,000 characters.'),
});

/**
 * A staff member moves a matter's official stage by hand: only a move the stage machine allows,
 * never without a reason, recorded as a stage transition (rule "staff-override", who, why) and a
 * stage.changed event in one transaction, with the matter row locked against the rules consumer.
 */
export async function overrideMatterStage(
  dataSource: DataSource, principal: Principal, loaders: MattersLoaders, args: MutationOverrideMatterStageArgs,
): Promise<MatterRow> {
  if (principal.role === 'CLIENT') throw forbidden('Only staff can override a matter\'s stage.');
  const parsed = input.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badUserInput(issue.message, String(issue.path[0] ?? 'input'));
  }
  const { matterId, stage, reason } = parsed.data;
  // Scoped like every read of this context: staff move only the matters they may see.
  if (!(await loaders.matterById.load(matterId))) throw badUserInput(`There is no matter ${matterId} among the matters you can see.`, 'matterId');

  await dataSource.transaction(async (manager) => {
    const [row]: Array<{ stage: string; client_id: string; number: string; practice_area: string | null }> = await manager.query(
      `SELECT stage, client_id, number, practice_area FROM matters.matters WHERE id = $1 FOR UPDATE`, [matterId],
    );
    if (!row) throw badUserInput(`There is no matter ${matterId} among the matters you can see.`, 'matterId');
    const from = isMatterStage(row.stage) ? row.stage : 'INTAKE';
    const check = transition(from, stage, row.practice_area);
    if (!check.allowed) throw badUserInput(check.reason, 'stage');
    const id = randomUUID();
    await manager.query(
      `INSERT INTO matters.stage_transitions (id, matter_id, from_stage, to_stage, at, rule, explanation, facts, overridden_by, override_reason)
       VALUES ($1, $2, $3, $4, now(), $5, $6, $7::jsonb, $8, $9)`,
      [id, matterId, from, stage, STAFF_OVERRIDE_RULE, `Set by the firm: ${reason}`, JSON.stringify({ stageBefore: from, by: principal.email }), principal.accountId, reason],
    );
    await manager.query(`UPDATE matters.matters SET stage = $2 WHERE id = $1`, [matterId, stage]);
    await recordEvents(manager, [{
      type: 'stage.changed', subject: `matter:${matterId}`, occurredAt: new Date(), matterId, matterNumber: row.number, clientId: row.client_id,
      payload: { matterId, clientId: row.client_id, from, to: stage, rule: STAFF_OVERRIDE_RULE },
      dedupeKey: `stage.changed:${id}`,
    }]);
  });
  loaders.matterById.clear(matterId);
  const moved = await loaders.matterById.load(matterId);
  if (!moved) throw new Error(`matter ${matterId} vanished after its stage override`);
  return moved;
}
