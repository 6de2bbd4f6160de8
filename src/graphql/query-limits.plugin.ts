import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLSchema, separateOperations } from 'graphql';
import { Costing, QueryCosting, RenderedChannels } from './query-cost';

export interface QueryLimits {
  maxComplexity: number;
  /** Renderings one request may ask for, over all aliases. */
  maxRenders: number;
  /** Renderings one request may ask for through batch fields (personalizeMany), over all aliases. */
  maxBatchRenders: number;
  /** Bytes of variables: each started KiB costs one point, so a huge variable cannot ride along for free. */
  variableBytesPerPoint: number;
}

/**
 * The limits, checked before anything runs: the cost model's figure (QueryCosting) plus a point
 * per KiB of variables, and a cap on renderings per request whatever their aliases. Refusals are
 * HTTP 400 with BAD_USER_INPUT.
 */
export function queryLimitsPlugin(limits: QueryLimits, renderedChannels: RenderedChannels, renderCost: (channel: string | undefined) => number): ApolloServerPlugin {
  const costs = new QueryCosting(renderedChannels, renderCost);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, queryHash }) {
          const operationDocument = request.operationName ? (separateOperations(document)[request.operationName] ?? document) : document;
          let costing: Costing;
          try {
            costing = costs.cost(schema as GraphQLSchema, operationDocument, `${queryHash}:${request.operationName ?? ''}`, request.variables ?? {});
          } catch (error) {
            throw refusal(`The query cannot be costed: ${(error as Error).message}`, {});
          }
          const { complexity, renders, batchRenders } = costing;
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
