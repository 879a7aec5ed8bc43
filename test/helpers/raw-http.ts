import http from 'node:http';

/** An answer read whole: status, headers and the body as text. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  method: string;
  /** Sent as is: no normalisation of `..`, case or encoding (unlike fetch's URL parser). */
  path: string;
  /** Exactly these headers (plus Host, and Content-Length unless `chunked`). */
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body with `Transfer-Encoding: chunked`, in pieces of this many bytes, and no Content-Length. */
  chunked?: number;
}

/**
 * One request through node:http, for what fetch refuses or rewrites: a GET with a body, no
 * Content-Type at all, an empty Content-Type, a raw path with `..` segments, a chunked body.
 */
export function rawRequest(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  if (body !== undefined && !req.chunked) headers['Content-Length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // The server may answer (413) before the whole body is written; the answer is what counts.
    request.on('error', reject);
    if (body !== undefined && req.chunked) {
      for (let i = 0; i < body.length; i += req.chunked) request.write(body.subarray(i, i + req.chunked));
    } else if (body !== undefined) {
      request.write(body);
    }
    request.end();
  });
}

/** The start of Flask/Werkzeug's HTML error page for a status, as the real server sends it. */
export function htmlErrorPrefix(status: 404 | 405 | 413 | 500): string {
  const titles = { 404: 'Not Found', 405: 'Method Not Allowed', 413: 'Request Entity Too Large', 500: 'Internal Server Error' };
  return `<!doctype html>\n<html lang=en>\n<title>${status} ${titles[status]}</title>`;
}

/** The main type of a Content-Type header (before any `;`), lower case. */
export function mainType(contentType: string | string[] | null | undefined): string {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return (value ?? '').split(';')[0].trim().toLowerCase();
}

/** The methods of an `Allow` header, sorted (Werkzeug lists them in no fixed order). */
export function allowSet(allow: string | string[] | null | undefined): string[] {
  const value = Array.isArray(allow) ? allow.join(',') : allow ?? '';
  return value
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean)
    .sort();
}
