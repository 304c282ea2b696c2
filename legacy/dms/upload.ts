import busboy from 'busboy';
import type { Request } from 'express';
import { badRequest, HttpError } from '../http/errors.js';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export interface Upload {
  file: Buffer | null;
  fileName: string | null;
  metadata: string | null;
}

/** Reads a multipart/form-data upload: a `file` part and a `metadata` part (JSON text). */
export function readUpload(req: Request): Promise<Upload> {
  if (!req.is('multipart/form-data')) return Promise.reject(badRequest('Send the document as multipart/form-data with a "file" part and a "metadata" part'));
  return new Promise((resolve, reject) => {
    const result: Upload = { file: null, fileName: null, metadata: null };
    let failure: HttpError | null = null;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
    } catch (error) {
      // busboy throws at once on a Content-Type it cannot read (multipart/form-data without a boundary).
      reject(badRequest(`Malformed multipart body: ${error instanceof Error ? error.message : String(error)}`));
      return;
    }
    parser.on('file', (name, stream, info) => {
      // A body that ends inside a part destroys the part's stream with an error: without a listener
      // that error would crash the process (the parser's own 'error' answers the request).
      stream.on('error', () => {
        failure ??= badRequest('Malformed multipart body: it ended inside a part');
      });
      if (name !== 'file') {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        failure = new HttpError(413, 'PayloadTooLarge', `The file is larger than ${MAX_UPLOAD_BYTES} bytes`);
      });
      stream.on('close', () => {
        result.file = Buffer.concat(chunks);
        result.fileName = info.filename ?? null;
      });
    });
    parser.on('field', (name, value) => {
      if (name === 'metadata') result.metadata = value;
    });
    parser.on('error', () => reject(badRequest('Malformed multipart body')));
    parser.on('close', () => (failure ? reject(failure) : resolve(result)));
    req.pipe(parser);
  });
}
