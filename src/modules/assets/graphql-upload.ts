import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { GraphQLScalarType } from 'graphql';

/** A file of a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec). */
export interface FileUpload {
  filename: string;
  mimetype: string;
  encoding: string;
  createReadStream(): Readable;
}

export interface UploadLimits {
  maxFileSize: number;
  maxFiles: number;
}

// graphql-upload ships only ES modules and no type declarations; Node ≥ 20.19 loads them with require.
/* eslint-disable @typescript-eslint/no-require-imports */
const { default: processRequest } = require('graphql-upload/processRequest.mjs') as {
  default: (request: IncomingMessage, response: ServerResponse, limits: UploadLimits) => Promise<unknown>;
};
const { default: GraphQLUpload } = require('graphql-upload/GraphQLUpload.mjs') as { default: GraphQLScalarType };
/* eslint-enable @typescript-eslint/no-require-imports */

export { processRequest, GraphQLUpload };
