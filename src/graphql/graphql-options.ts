import { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { uncacheableResponsesPlugin } from './uncacheable-responses.plugin';
import { HeaderMap } from '@apollo/server';
import type { FastifyRequest } from 'fastify';
import { GraphQLError, GraphQLSchema, lexicographicSortSchema } from 'graphql';
import { CompiledExecution } from './compiled-execution';
import { GraphQLDateTime } from 'graphql-scalars';
import { HTTP_STATUS } from '../common/filters/domain-error.filter';
import { clientAddress } from '../modules/auth/client-address';
import { AppConfig } from '../config/app-config';
import { servedProfiles } from '../common/renditions/rendition-spec';
import { DomainError } from '../common/errors/domain-errors';
import { ApiKeysService } from '../modules/auth/api-keys.service';
import { defineAssetRenditionsType } from '../modules/assets/asset-renditions.type';
import { ChannelsService } from '../modules/channels/channels.service';
import { AssetsService } from '../modules/assets/assets.service';
import { ContentModelsService } from '../modules/content-models/content-models.service';
import { ContentItemsService } from '../modules/content/content-items.service';
import { addTypedContent } from './typed-content/typed-content-schema';
import { defineChannelVariantTypes } from '../modules/delivery/graphql/channel-variant-types';
import { RENDER_BUDGET_KEY, RenderBudget } from '../modules/delivery/render-budget';
import { PRINCIPAL_KEY } from '../modules/auth/current-principal.decorator';
import { formatGraphqlError } from './format-error';
import { documentLimitsRule } from './document-limits.rule';
import { introspectionPolicyPlugin } from './introspection-policy.plugin';
import { queryLimitsPlugin } from './query-limits.plugin';
import { RenderedChannels } from './query-cost';

/** Every GraphQL request needs a key, introspection included, so authentication happens before any resolver. */
export function buildGraphqlOptions(config: AppConfig, apiKeys: ApiKeysService, channels: ChannelsService, items: ContentItemsService, models: ContentModelsService, assets: AssetsService): ApolloDriverConfig {
  let finalSchema: GraphQLSchema | undefined;
  const options: ApolloDriverConfig = {
    autoSchemaFile: true,
    // A typed API per content model beside the generic one, made from content-models/ at start-up; sorted
    // here rather than by Nest (sortSchema), so the schema the compiled execution serves is the one built.
    transformSchema: (schema) =>
      (finalSchema = lexicographicSortSchema(addTypedContent(schema, {
        models: models.list(),
        get: (id, principal, draft) => items.get(id, principal, draft),
        list: (filter, first, after, principal, order) => items.list(filter, first, after, principal, order),
        create: (input, principal) => items.create(input, principal),
        update: (id, version, input, principal, model) => items.update(id, version, input, principal, model),
        renditionUrls: (assetId) => assets.renditionUrls(assetId),
      }))),
    // Types that follow the registered channels, made before the schema is built.
    buildSchemaOptions: {
      // Dates are RFC 3339 date-times everywhere: "12/01/2027" means different days to different readers, so it is refused.
      scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
      orphanedTypes: [...defineChannelVariantTypes(channels.registry.list()), defineAssetRenditionsType(Object.keys(servedProfiles(channels.renditionProfiles())))],
    },
    path: '/graphql',
    graphiql: false,
    playground: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?" in errors: they would spell out the schema to whoever holds a DELIVERY key.
    hideSchemaDetailsFromClientErrors: true,
    validationRules: [documentLimitsRule(config.maxQueryDepth)],
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      uncacheableResponsesPlugin(),
      introspectionPolicyPlugin(),
      queryLimitsPlugin(
        { maxComplexity: config.maxQueryComplexity, maxRenders: config.maxRendersPerRequest, maxBatchRenders: config.maxBatch, variableBytesPerPoint: 1024 },
        renderedChannels(channels),
        (channel) => channels.renderCost(channel),
      ),
    ],
    formatError: formatGraphqlError,
    // An upload was admitted before its body was read (graphql-uploads); everything else is admitted here, once.
    // Apollo's Fastify integration hands the context function the request itself.
    context: async (request: FastifyRequest) => {
      const req = request as FastifyRequest & Record<string | symbol, unknown>;
      try {
        req[PRINCIPAL_KEY] ??= await apiKeys.admit(req.headers.authorization, clientAddress(req));
      } catch (error) {
        if (error instanceof DomainError) {
          const headers = new HeaderMap();
          if (typeof error.details.retryAfterSeconds === 'number') headers.set('retry-after', String(error.details.retryAfterSeconds));
          throw new GraphQLError(error.message, { extensions: { code: error.code, ...error.details, http: { status: HTTP_STATUS[error.code], headers } } });
        }
        throw error;
      }
      req[RENDER_BUDGET_KEY] = new RenderBudget(config.renderBudgetMs);
      return { req };
    },
  };
  // Queries run compiled (graphql-jit), through the executor hook Apollo Server offers gateways; it takes the schema from there too.
  // Nest's driver config has no field for it but hands every option on to Apollo Server.
  return { ...options, gateway: new CompiledExecution(() => finalSchema!) } as ApolloDriverConfig;
}

/** personalize renders its one channel (unnamed: the dearest), personalizeMany one per request, renderAll every consented channel. */
function renderedChannels(channels: ChannelsService): RenderedChannels {
  return (fieldName, args) => {
    if (fieldName === 'personalize') return { channels: [(args.input as { channel?: string } | undefined)?.channel], batch: false };
    if (fieldName === 'personalizeMany') return { channels: ((args.requests as { channel?: string }[] | undefined) ?? []).map((request) => request.channel), batch: true };
    if (fieldName === 'renderAll') {
      const consents = (args.context as { consents?: string[] } | undefined)?.consents ?? [];
      return { channels: channels.keys().filter((channel) => consents.includes(channel)), batch: false };
    }
    return undefined;
  };
}
