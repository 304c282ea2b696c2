import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** The DMS sent more than the cap allows (a missing or lying Content-Length included). */
export class TooLargeError extends Error {}

/**
 * Streams a response body to `file`, failing with TooLargeError as soon as it passes `maxBytes`:
 * memory holds one chunk at a time, whatever the size of the original. The caller deletes the
 * file (and its directory) whatever happens.
 */
export async function spoolToFile(body: Response['body'], file: string, maxBytes: number): Promise<number> {
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? new TooLargeError(`more than ${maxBytes} bytes`) : null, chunk);
    },
  });
  await pipeline(body ? Readable.fromWeb(body as WebReadableStream<Uint8Array>) : Readable.from([]), cap, createWriteStream(file, { mode: 0o600 }));
  return bytes;
}
