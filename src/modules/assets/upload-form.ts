import { PayloadTooLargeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { BadUserInputError } from '../../common/errors/domain-errors';

export interface UploadForm {
  file?: { data: Buffer; filename: string };
  fields: Record<string, string>;
}

/**
 * An upload form (multipart/form-data): the image in the field "file", held in memory up to the
 * size limit, and the text fields beside it in any order. Whatever breaks the form is the
 * client's: too large is 413, anything else BAD_USER_INPUT.
 */
export async function readUploadForm(request: FastifyRequest, maxFileBytes: number): Promise<UploadForm> {
  if (!request.isMultipart()) throw new BadUserInputError('Send the image as multipart/form-data, in the field "file"', 'file');
  const form: UploadForm = { fields: {} };
  try {
    for await (const part of request.parts({ limits: { fileSize: maxFileBytes, files: 1, fields: 10 } })) {
      if (part.type === 'field') form.fields[part.fieldname] = String(part.value);
      else if (part.fieldname === 'file') form.file = { data: await part.toBuffer(), filename: part.filename };
      else throw new BadUserInputError(`Send the image in the field "file", not "${part.fieldname}"`, 'file');
    }
  } catch (error) {
    // The rest of the body is read and dropped, as it arrives, so the answer reaches a client still sending.
    request.raw.unpipe();
    request.raw.resume();
    if (error instanceof BadUserInputError) throw error;
    const { statusCode, code, message } = error as { statusCode?: number; code?: string; message?: string };
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new PayloadTooLargeException(`The image is larger than the limit of ${maxFileBytes} bytes`);
    if (statusCode === 413) throw new PayloadTooLargeException(message);
    throw new BadUserInputError(`The upload could not be read: ${message ?? 'malformed multipart body'}`, 'file');
  }
  return form;
}
