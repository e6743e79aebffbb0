import type { Readable } from 'node:stream';
import type { Request, RequestHandler, Response } from 'express';
import busboy from 'busboy';
import { PayloadTooLargeError, ValidationError } from '../shared/errors.js';

/** The one file of an upload form, as a stream: the page's service reads it, nothing holds it whole. */
export interface UploadedFile {
  fileName: string;
  stream: AsyncIterable<Buffer>;
}

const tooLarge = (maxBytes: number) => new PayloadTooLargeError(`Een bestand mag hoogstens ${maxBytes / 1024 / 1024} MB zijn.`);

/** The file's chunks, refused once they pass the limit. */
async function* limited(file: Readable, maxBytes: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of file as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > maxBytes) throw tooLarge(maxBytes);
    yield chunk;
  }
}

/**
 * Reads a multipart/form-data form (busboy) up to its file: the fields before the file go into
 * req.body (so the CSRF check runs before any of the file is read), the file becomes
 * res.locals.upload, streamed to the handler. The form must therefore put its file input last.
 * A form without a file (or with an empty one) gets upload null. Whatever the handler leaves
 * unread is drained once the response is sent.
 */
export function multipartForm(field: string, maxBytes: number): RequestHandler {
  return (req: Request, res: Response, next) => {
    res.locals.upload = null;
    // Not multipart: a form without a file (its fields were read as usual); the handler says what is missing.
    if (!req.is('multipart/form-data')) return next();
    // The declared size is checked first: the form's other fields are a few hundred bytes.
    if (Number(req.get('content-length') ?? 0) > maxBytes + 64 * 1024) return next(tooLarge(maxBytes));
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 20, fieldSize: 4096, parts: 21, fileSize: maxBytes + 1 } });
    } catch {
      return next(new ValidationError('Het formulier kon niet worden gelezen.'));
    }
    const fields: Record<string, string> = {};
    let handedOver = false;
    const handOver = (upload: UploadedFile | null) => {
      if (handedOver) return;
      handedOver = true;
      req.body = fields;
      res.locals.upload = upload;
      next();
    };
    parser.on('field', (name, value) => {
      if (!handedOver) fields[name] = value;
    });
    parser.on('file', (name, file, info) => {
      if (handedOver || name !== field || !info.filename) return file.resume();
      handOver({ fileName: info.filename.slice(0, 255), stream: limited(file, maxBytes) });
    });
    parser.on('close', () => handOver(null));
    parser.on('error', () => {
      if (!handedOver) {
        handedOver = true;
        next(new ValidationError('Het formulier kon niet worden gelezen.'));
      }
    });
    res.on('finish', () => {
      req.unpipe(parser);
      req.resume();
    });
    req.pipe(parser);
  };
}
