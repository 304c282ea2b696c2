import { badUserInput } from '../../../shared/errors.js';
import { parseSince, type ReplayPosition } from './replay.js';

/** How far back one dry run may look, and how much one call may return and read. */
export const REPLAY_MAX_DAYS = 92;
export const REPLAY_DEFAULT_FIRST = 200;
export const REPLAY_MAX_FIRST = 1000;
export const REPLAY_MAX_EVENTS_PER_CALL = 10_000;


export function encodeReplayCursor(position: ReplayPosition): string {
  return Buffer.from(`replay:${position.txId}:${position.id}:${position.skip}`, 'utf8').toString('base64url');
}

function decodeReplayCursor(after: string): ReplayPosition | null {
  if (after.length > 200) return null;
  const match = /^replay:(\d{1,19}):(\d{1,19}):(\d{1,9})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
  return match ? { txId: match[1]!, id: match[2]!, skip: Number(match[3]) } : null;
}

/** Query.rulesReplay's arguments, checked: a window of at most REPLAY_MAX_DAYS, a page of at most REPLAY_MAX_FIRST. */
export function replayArgs(args: { since: string; first?: number | null; after?: string | null }, now = new Date()): { since: Date; first: number; after: ReplayPosition | null } {
  const since = args.since.length <= 100 ? parseSince(args.since, now) : null;
  if (!since) throw badUserInput(`since must be a span such as "30d", "12h" or "90m", or an ISO 8601 date-time; got "${args.since.slice(0, 100)}".`, 'since');
  if (now.getTime() - since.getTime() > REPLAY_MAX_DAYS * 86_400_000) {
    throw badUserInput(`since may reach back at most ${REPLAY_MAX_DAYS} days ("${REPLAY_MAX_DAYS}d"); run \`npm run rules:replay\` for a longer dry run.`, 'since');
  }
  const first = args.first ?? REPLAY_DEFAULT_FIRST;
  if (!Number.isInteger(first) || first < 1 || first > REPLAY_MAX_FIRST) {
    throw badUserInput(`first must be between 1 and ${REPLAY_MAX_FIRST}; got ${first}. Page on with after: the last decision's cursor.`, 'first');
  }
  const after = args.after === undefined || args.after === null ? null : decodeReplayCursor(args.after);
  if (args.after && !after) throw badUserInput('after must be the cursor of a decision from an earlier rulesReplay page.', 'after');
  return { since, first, after };
}
