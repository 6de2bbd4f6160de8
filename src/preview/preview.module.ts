import { Module } from '@nestjs/common';
import { PreviewController } from './preview.controller';

/** The editor preview page at /preview: static files; everything it shows comes through GraphQL. */
@Module({ controllers: [PreviewController] })
export class PreviewModule {}
