import { Module } from '@nestjs/common';
import { GraphqlIdeController } from './graphql-ide.controller';

/** GraphiQL, served from the hub: the page on a browser's GET /graphql, its files at /ide-assets. */
@Module({ controllers: [GraphqlIdeController] })
export class GraphqlIdeModule {}
