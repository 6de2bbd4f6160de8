import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { sendGraphqlError } from './common/http/graphql-error-response';
import { DomainErrorFilter } from './common/filters/domain-error.filter';
import { InputValidationPipe } from './common/pipes/validation.pipe';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { graphqlIde, graphqlIdeAssets } from './graphql-ide/graphql-ide';
import { graphqlUploadExpress } from './modules/assets/graphql-upload';
import { uploadGate } from './modules/assets/upload-gate';
import { ApiKeysService } from './modules/auth/api-keys.service';
import { DemoSeedService } from './modules/demo/demo-seed.service';
import { DemoTouchpointsService } from './modules/demo/demo-touchpoints.service';

export interface Hub {
  app: NestExpressApplication;
  databaseUrl: string;
  close(): Promise<void>;
}

/** Builds the whole hub: database (given or embedded), migrations, HTTP and GraphQL, demo content. Shared by main.ts and the tests. */
export async function createHub(config: AppConfig, options: { logger?: LogLevel[] | false } = {}): Promise<Hub> {
  const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, (line) => bootstrapLogger.log(line));
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
      bodyParser: false,
      logger: options.logger ?? ['log', 'warn', 'error'],
    });
    app.useBodyParser('json', { limit: config.requestBodyLimit });
    app.useGlobalPipes(new InputValidationPipe());
    app.useGlobalFilters(new DomainErrorFilter(app.getHttpAdapter()));
    app.disable('x-powered-by');
    app.use(answerBodyParserErrors);
    // Registered before Nest mounts Apollo, so a browser's GET /graphql reaches the IDE first.
    app.use('/graphql', graphqlIde);
    app.use('/ide-assets', graphqlIdeAssets);
    app.use('/graphql', uploadGate(app.get(ApiKeysService)), graphqlUploadExpress({ maxFileSize: config.assets.maxBytes, maxFiles: 1 }), answerMultipartErrors);
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

/** An oversized or malformed body is the client's mistake: answer it in GraphQL's error shape, never as a 500. */
function answerBodyParserErrors(error: { type?: string; status?: number; message?: string }, _request: Request, response: Response, next: NextFunction): void {
  if (error?.type === 'entity.too.large') {
    sendGraphqlError(response, 413, 'BAD_USER_INPUT', 'The request body is too large');
    return;
  }
  if (error?.type === 'entity.parse.failed') {
    sendGraphqlError(response, 400, 'BAD_USER_INPUT', 'The request body is not valid JSON');
    return;
  }
  next(error);
}

/** A broken multipart body (cut short, no operations, a file over the limit) is the client's mistake. */
function answerMultipartErrors(error: { status?: number; message?: string }, request: Request, response: Response, next: NextFunction): void {
  if (!request.is('multipart/form-data')) return next(error);
  const status = error.status !== undefined && error.status >= 400 && error.status < 500 ? error.status : 400;
  sendGraphqlError(response, status, 'BAD_USER_INPUT', `The multipart request could not be read: ${error.message ?? 'malformed'}`);
}

export const bootstrapLogger = new Logger('Facet');
