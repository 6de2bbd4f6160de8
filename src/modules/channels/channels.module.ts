import { DynamicModule, Module } from '@nestjs/common';
import { CHANNEL_RENDITIONS } from '../assets/channel-renditions';
import { KNOWN_CHANNELS } from '../content/known-channels';
import { TOKEN_SYNTAX } from '../content/content-ports';
import { checkTokens } from './personalisation/liquid-sandbox';
import { CHANNEL_RENDERERS, RendererRegistration } from './channel-registrations';
import { ChannelsService } from './channels.service';

/**
 * The channel registry for the whole hub, global so content and assets reach it through their
 * ports. Renderers are registered here, each with options of its own:
 * `ChannelsModule.forRoot({ renderers: [TweetRenderer, { use: PushRenderer, options: { appId: '…' } }] })`.
 */
@Module({})
export class ChannelsModule {
  static forRoot(options: { renderers: RendererRegistration[] }): DynamicModule {
    return {
      module: ChannelsModule,
      global: true,
      providers: [
        { provide: CHANNEL_RENDERERS, useValue: options.renderers },
        ChannelsService,
        { provide: KNOWN_CHANNELS, useExisting: ChannelsService },
        { provide: CHANNEL_RENDITIONS, useExisting: ChannelsService },
        { provide: TOKEN_SYNTAX, useValue: { check: checkTokens } },
      ],
      exports: [ChannelsService, KNOWN_CHANNELS, CHANNEL_RENDITIONS, TOKEN_SYNTAX],
    };
  }
}
