import type { Request } from 'express';
import { ApiError } from '../errors/api-error.js';

/** Largest JSON request body accepted; larger ones get Werkzeug's HTML 413. */
export const MAX_JSON_BODY_BYTES = 64 * 1024 * 1024;

export class BodyTooLargeError extends ApiError {
  constructor() {
    super('REQUEST_ENTITY_TOO_LARGE', 'Request Entity Too Large', 413);
  }
}

/** Reads the whole request body as UTF-8 text (JSON requests only; artifact uploads are streamed). */
export async function readBody(req: Request, limit = MAX_JSON_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw new BodyTooLargeError();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw new BodyTooLargeError();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
