import { z } from 'zod';

const clioError = z.object({ error: z.object({ message: z.string() }) });
const dmsError = z.object({ error: z.string().optional(), message: z.string() });

/** The human message of a legacy error body: Clio's `{"error":{"message"}}`, the DMS's `{"error","message"}`, or the raw text. */
export function legacyErrorMessage(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return body.trim().slice(0, 200) || '(empty body)';
  }
  const clio = clioError.safeParse(json);
  if (clio.success) return clio.data.error.message;
  const dms = dmsError.safeParse(json);
  if (dms.success) return dms.data.message;
  return body.slice(0, 200);
}
