import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { AppModule } from './app.module';
import { AppConfig, findProjectRoot } from './config/app-config';
import { DomainErrorFilter } from './common/filters/domain-error.filter';
import { leaveBodyUnread } from './common/http/unread-bodies';
import { InputValidationPipe } from './common/pipes/validation.pipe';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { serveGraphqlIde } from './graphql-ide/graphql-ide';
import { graphqlUploads } from './modules/assets/graphql-uploads';
import { ApiKeysService } from './modules/auth/api-keys.service';
import { DemoSeedService } from './modules/demo/demo-seed.service';
import { DemoTouchpointsService } from './modules/demo/demo-touchpoints.service';

export interface Hub {
  app: NestFastifyApplication;
  databaseUrl: string;
  close(): Promise<void>;
}

/** Builds the whole hub: database (given or embedded), migrations, HTTP and GraphQL, demo content. Shared by main.ts and the tests. */
export async function createHub(config: AppConfig, options: { logger?: LogLevel[] | false } = {}): Promise<Hub> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, (line) => bootstrapLogger.log(line));
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  try {
    // Fastify's JSON parser (with this body limit) is the only body parser: Nest's would add form bodies nobody sends.
    const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), new FastifyAdapter({ bodyLimit: config.requestBodyLimit }), {
      bodyParser: false,
      logger: options.logger ?? ['log', 'warn', 'error'],
    });
    app.useGlobalPipes(new InputValidationPipe());
    app.useGlobalFilters(new DomainErrorFilter(app.getHttpAdapter()));
    const fastify = app.getHttpAdapter().getInstance();
    // Multipart bodies are read by the route that takes them (POST /assets, uploads to /graphql), NDJSON as a stream.
    await app.register(fastifyMultipart);
    // reply.sendFile for the IDE's and the preview's own files (ETag, Last-Modified, 304, HEAD); routes say which files exist.
    await app.register(fastifyStatic, { root: findProjectRoot(), serve: false, cacheControl: false });
    leaveBodyUnread(fastify);
    // Hooks apply to the routes registered after them: these are, before Nest and Apollo add theirs in init().
    fastify.addHook('onRequest', serveGraphqlIde);
    const uploads = graphqlUploads(app.get(ApiKeysService), { maxFileSize: config.assets.maxBytes, maxFiles: 1 });
    fastify.addHook('preValidation', uploads.preValidation);
    fastify.addHook('onSend', uploads.onSend);
    await app.init();
    if (config.seedDemoContent) {
      const demoItems = await app.get(DemoSeedService).seedIfEmpty();
      if (demoItems) await app.get(DemoTouchpointsService).generate(demoItems);
    }
    return {
      app,
      databaseUrl,
      close: async () => {
        await app.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

export const bootstrapLogger = new Logger('Facet');
