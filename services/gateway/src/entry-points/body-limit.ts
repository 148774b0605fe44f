import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '@shop/service-kit';

export function tooLarge(limitBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The request body exceeds the limit of ${limitBytes} bytes`);
}

/**
 * After a 413 the rest of the body is unwanted; closing the connection stops the client
 * uploading it (Node would otherwise read and discard it all to reuse the socket).
 */
export function closeAfterResponse(res: Response): void {
  if (!res.headersSent) res.setHeader('Connection', 'close');
}

/** A declared Content-Length over the limit is refused before a byte goes upstream. */
export function rejectDeclaredTooLarge(limitBytes: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limitBytes) {
      closeAfterResponse(res);
      next(tooLarge(limitBytes));
      return;
    }
    next();
  };
}

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body exceeded ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Counts a body as it streams through (chunked bodies declare no length) and fails the
 * moment it passes the limit, so memory stays at one chunk and the upstream request can
 * be aborted before it ever sees a complete oversized body.
 */
export function byteLimit(limitBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > limitBytes) {
        callback(new BodyTooLargeError(limitBytes));
        return;
      }
      callback(null, chunk);
    },
  });
}

/** Whether the request carries a body at all (RFC 9112 §6.3: a length or a transfer coding). */
export function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  return Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * `Expect: 100-continue` lets a client ask before uploading. Node answers "continue" to
 * everyone unless the server handles the event; this refuses an oversized declared body
 * up front (the app then answers 413), so the client never sends it.
 */
export function answerExpectContinue(server: Server, app: RequestListener, limitBytes: number): void {
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (Number(req.headers['content-length'] ?? 0) <= limitBytes) res.writeContinue();
    app(req, res);
  });
}
