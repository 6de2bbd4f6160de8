import type { Readable } from 'node:stream';
import type { RequestHandler } from 'express';
import type { GraphQLScalarType } from 'graphql';

/** A file of a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec). */
export interface FileUpload {
  filename: string;
  mimetype: string;
  encoding: string;
  createReadStream(): Readable;
}

// graphql-upload ships only ES modules and no type declarations; Node ≥ 20.19 loads them with require.
/* eslint-disable @typescript-eslint/no-require-imports */
const { default: graphqlUploadExpress } = require('graphql-upload/graphqlUploadExpress.mjs') as {
  default: (options: { maxFileSize: number; maxFiles: number }) => RequestHandler;
};
const { default: GraphQLUpload } = require('graphql-upload/GraphQLUpload.mjs') as { default: GraphQLScalarType };
/* eslint-enable @typescript-eslint/no-require-imports */

export { graphqlUploadExpress, GraphQLUpload };
