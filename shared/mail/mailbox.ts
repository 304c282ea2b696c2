import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** A message as the local mailbox keeps it. */
export const storedMessageSchema = z.object({
  id: z.string(),
  /** ISO 8601 timestamp it was sent. */
  at: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
});
export type StoredMessage = z.infer<typeof storedMessageSchema>;

/** What the mailbox's ids look like: sortable by time, then random; never a path. */
const ID = /^[0-9]{13}-[0-9a-f]{12}$/;
export const isMessageId = (id: string) => ID.test(id);
export const newMessageId = () => `${Date.now().toString().padStart(13, '0')}-${randomBytes(6).toString('hex')}`;

/**
 * Where mail goes when there is no SMTP server (development, tests): per message, a JSON file (what
 * GET /dev/mailbox reads) and the `.eml` a mail client opens, under `<dataDir>/mailbox/`; or this
 * process's memory when there is no data directory.
 */
export interface Mailbox {
  /** `raw`: the message as SMTP would carry it, kept beside it as `<id>.eml` in a directory mailbox. */
  add(message: StoredMessage, raw?: Buffer): Promise<void>;
  /** Newest first. */
  list(): Promise<StoredMessage[]>;
  get(id: string): Promise<StoredMessage | null>;
}

/** One in-memory mailbox per process, so the gateway and the subgraphs it runs with share it. */
const memory: StoredMessage[] = [];

const newestFirst = (a: StoredMessage, b: StoredMessage) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export function memoryMailbox(): Mailbox {
  return {
    async add(message) {
      memory.push(message);
    },
    async list() {
      return [...memory].sort(newestFirst);
    },
    async get(id) {
      return memory.find((m) => m.id === id) ?? null;
    },
  };
}

export function directoryMailbox(dir: string): Mailbox {
  const file = (id: string) => path.join(dir, `${id}.json`);
  const read = async (id: string): Promise<StoredMessage | null> => {
    if (!isMessageId(id)) return null;
    try {
      return storedMessageSchema.parse(JSON.parse(await readFile(file(id), 'utf8')));
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return null;
      throw error;
    }
  };
  return {
    async add(message, raw) {
      await mkdir(dir, { recursive: true });
      if (raw) await writeFile(path.join(dir, `${message.id}.eml`), raw, { flag: 'wx' });
      await writeFile(file(message.id), JSON.stringify(message, null, 2), { flag: 'wx' });
    },
    async list() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
        throw error;
      }
      const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)).filter(isMessageId);
      const messages = await Promise.all(ids.map(read));
      return messages.filter((m): m is StoredMessage => m !== null).sort(newestFirst);
    },
    get: read,
  };
}

/** The mailbox of this configuration: `<dataDir>/mailbox/`, or memory when dataDir is empty. */
export function localMailbox(dataDir: string): Mailbox {
  return dataDir === '' ? memoryMailbox() : directoryMailbox(path.resolve(dataDir, 'mailbox'));
}
