import { ApolloServerPlugin } from '@apollo/server';
import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { GraphQLError, GraphQLSchema, separateOperations } from 'graphql';

export interface QueryLimits {
  maxComplexity: number;
  /** Renderings one request may ask for, over all aliases. */
  maxRenders: number;
  /** Renderings one request may ask for through batch fields (personalizeMany), over all aliases. */
  maxBatchRenders: number;
  /** Bytes of variables: each started KiB costs one point, so a huge variable cannot ride along for free. */
  variableBytesPerPoint: number;
}

/** The channels a rendering field will render, read from its arguments, and whether it is a batch field; undefined for any other field. */
export type RenderedChannels = (fieldName: string, args: Record<string, unknown>) => { channels: (string | undefined)[]; batch: boolean } | undefined;

/**
 * The cost model, checked before anything runs: 1 per field, each rendering its channel's cost
 * (a letter costs as much as fifty tweets), a point per KiB of variables, and a cap on
 * renderings per request whatever their aliases. Refusals are HTTP 400 with BAD_USER_INPUT.
 */
export function queryLimitsPlugin(limits: QueryLimits, renderedChannels: RenderedChannels, renderCost: (channel: string | undefined) => number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const operationDocument = request.operationName ? (separateOperations(document)[request.operationName] ?? document) : document;
          let renders = 0;
          let batchRenders = 0;
          const renderEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
            const rendered = renderedChannels(field.name, args);
            if (!rendered) return undefined;
            if (rendered.batch) batchRenders += rendered.channels.length;
            else renders += rendered.channels.length;
            return rendered.channels.reduce((sum, channel) => sum + renderCost(channel), 0) + childComplexity;
          };
          let complexity: number;
          try {
            complexity = getComplexity({
              schema: schema as GraphQLSchema,
              query: operationDocument,
              variables: request.variables ?? {},
              estimators: [renderEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            throw refusal(`The query cannot be costed: ${(error as Error).message}`, {});
          }
          if (renders > limits.maxRenders) {
            throw refusal(`The query asks for ${renders} renderings; one request may ask for at most ${limits.maxRenders}`, { renders, limit: limits.maxRenders });
          }
          if (batchRenders > limits.maxBatchRenders) {
            throw refusal(`The query asks for ${batchRenders} renderings in batches; one request may ask for at most ${limits.maxBatchRenders}`, { renders: batchRenders, limit: limits.maxBatchRenders });
          }
          const variablePoints = Math.ceil(Buffer.byteLength(JSON.stringify(request.variables ?? {})) / limits.variableBytesPerPoint);
          const cost = complexity + variablePoints;
          if (cost > limits.maxComplexity) {
            throw refusal(`The query is too complex (${cost}; the limit is ${limits.maxComplexity}); ask for fewer fields, renderings or smaller pages`, { complexity: cost, limit: limits.maxComplexity });
          }
        },
      };
    },
  };
}

function refusal(message: string, details: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...details, http: { status: 400 } } });
}
