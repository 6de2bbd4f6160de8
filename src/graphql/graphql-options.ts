import { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-errors';
import { ApiKeysService } from '../modules/auth/api-keys.service';
import { PRINCIPAL_KEY } from '../modules/auth/current-principal.decorator';
import { formatGraphqlError } from './format-error';
import { depthLimitRule, queryLimitsPlugin } from './query-limits.plugin';

/** Every GraphQL request needs a key, introspection included, so authentication happens before any resolver. */
export function buildGraphqlOptions(config: AppConfig, apiKeys: ApiKeysService): ApolloDriverConfig {
  return {
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    graphiql: false,
    playground: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimitRule(config.maxQueryDepth)],
    plugins: [ApolloServerPluginLandingPageDisabled(), queryLimitsPlugin({ maxDepth: config.maxQueryDepth, maxComplexity: config.maxQueryComplexity })],
    formatError: formatGraphqlError,
    context: async ({ req }: { req: Record<string | symbol, unknown> & { headers: Record<string, string | undefined> } }) => {
      try {
        req[PRINCIPAL_KEY] = await apiKeys.authenticate(req.headers.authorization);
      } catch (error) {
        if (error instanceof DomainError) {
          throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
        }
        throw error;
      }
      return { req };
    },
  };
}
