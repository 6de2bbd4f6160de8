import { Global, Module } from '@nestjs/common';
import { CHANNEL_RENDITIONS } from '../assets/channel-renditions';
import { KNOWN_CHANNELS } from '../content/known-channels';
import { ChannelsService } from './channels.service';

/** The channel registry for the whole hub; global so content and assets reach it through their ports. */
@Global()
@Module({
  providers: [ChannelsService, { provide: KNOWN_CHANNELS, useExisting: ChannelsService }, { provide: CHANNEL_RENDITIONS, useExisting: ChannelsService }],
  exports: [ChannelsService, KNOWN_CHANNELS, CHANNEL_RENDITIONS],
})
export class ChannelsModule {}
