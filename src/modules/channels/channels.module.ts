import { Global, Module } from '@nestjs/common';
import { KNOWN_CHANNELS } from '../content/known-channels';
import { ChannelsService } from './channels.service';

/** The channel registry for the whole hub; global so content can check channel keys through its port. */
@Global()
@Module({
  providers: [ChannelsService, { provide: KNOWN_CHANNELS, useExisting: ChannelsService }],
  exports: [ChannelsService, KNOWN_CHANNELS],
})
export class ChannelsModule {}
