import { ChannelsService } from './modules/channels/channels.service';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig, APP_CONFIG } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { buildGraphqlOptions } from './graphql/graphql-options';
import { AssetLookupModule } from './modules/assets/asset-lookup.module';
import { VariantDraftPartsModule } from './modules/variants/variant-draft-parts';
import { AssetsModule } from './modules/assets/assets.module';
import { ApiKeysService } from './modules/auth/api-keys.service';
import { AuthModule } from './modules/auth/auth.module';
import { BUILT_IN_RENDERERS } from './modules/channels/built-in-renderers';
import { ChannelsModule } from './modules/channels/channels.module';
import { ContentModelsModule } from './modules/content-models/content-models.module';
import { ContentModule } from './modules/content/content.module';
import { ContentItemsService } from './modules/content/content-items.service';
import { ContentModelsService } from './modules/content-models/content-models.service';
import { AssetsService } from './modules/assets/assets.service';
import { DeliveryModule } from './modules/delivery/delivery.module';
import { DemoModule } from './modules/demo/demo.module';
import { HealthModule } from './modules/health/health.module';
import { PersonasModule } from './modules/personas/personas.module';
import { GraphqlIdeModule } from './graphql-ide/graphql-ide.module';
import { PreviewModule } from './preview/preview.module';
import { TouchpointsModule } from './modules/touchpoints/touchpoints.module';
import { KpisModule } from './modules/kpis/kpis.module';
import { ExperimentsModule } from './modules/experiments/experiments.module';
import { BrandsModule } from './modules/brands/brands.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { CampaignRunsModule } from './modules/campaign-runs/campaign-runs.module';

@Module({})
export class AppModule {
  /** The database URL is known before the module graph is built (DATABASE_URL or the embedded server). */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl, config.logSql),
        AuthModule,
        ChannelsModule.forRoot({ renderers: BUILT_IN_RENDERERS }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule, ContentModule, ContentModelsModule, AssetsModule],
          inject: [APP_CONFIG, ApiKeysService, ChannelsService, ContentItemsService, ContentModelsService, AssetsService],
          useFactory: buildGraphqlOptions,
        }),
        HealthModule,
        AssetLookupModule,
        VariantDraftPartsModule,
        WebhooksModule,
        ContentModelsModule,
        ContentModule,
        PersonasModule,
        AssetsModule,
        DeliveryModule,
        TouchpointsModule,
        KpisModule,
        ExperimentsModule,
        BrandsModule,
        CalendarModule,
        CampaignRunsModule,
        DemoModule,
        PreviewModule,
        GraphqlIdeModule,
      ],
    };
  }
}
