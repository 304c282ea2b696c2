import type { FirmSize } from './types.js';

export interface FirmCounts {
  matters: number;
  documents: number;
  bills: number;
}

export const DEMO_COUNTS: FirmCounts = { matters: 40, documents: 300, bills: 60 };
export const LARGE_COUNTS: FirmCounts = { matters: 10_000, documents: 100_000, bills: 30_000 };

/** Parses `demo`, `large` or `<matters>:<documents>:<bills>` (e.g. `200:2000:600`). */
export function parseFirmSize(text: string): FirmSize {
  const value = text.trim().toLowerCase();
  if (value === 'demo' || value === 'large') return value;
  const match = /^(\d+):(\d+):(\d+)$/.exec(value);
  if (!match) {
    throw new Error(
      `Invalid firm size "${text}": use "demo", "large" or "<matters>:<documents>:<bills>" such as "200:2000:600".`,
    );
  }
  const [matters, documents, bills] = [match[1], match[2], match[3]].map(Number);
  return { matters, documents, bills };
}

export function firmCounts(size: FirmSize): FirmCounts {
  if (size === 'demo') return DEMO_COUNTS;
  if (size === 'large') return LARGE_COUNTS;
  return size;
}
