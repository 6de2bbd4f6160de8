import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLSchema, separateOperations } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** Refuses documents that are too deep or too expensive before anything runs. */
export function queryLimitsPlugin(limits: { maxDepth: number; maxComplexity: number }): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const operationDocument = request.operationName ? separateOperations(document)[request.operationName] ?? document : document;
          const complexity = getComplexity({
            schema: schema as GraphQLSchema,
            query: operationDocument,
            variables: request.variables ?? {},
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > limits.maxComplexity) {
            throw new GraphQLError(`The query is too complex (${complexity}; the limit is ${limits.maxComplexity}); ask for fewer fields or smaller pages`, {
              extensions: { code: 'BAD_USER_INPUT', complexity, limit: limits.maxComplexity, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

export function depthLimitRule(maxDepth: number) {
  return depthLimit(maxDepth);
}
