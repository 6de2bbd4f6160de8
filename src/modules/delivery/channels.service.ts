import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { builtInRenderers } from '../channels/built-in-renderers';
import { ChannelRegistry } from '../channels/channel-registry';
import { DEFAULT_RENDERER_CONFIG, RendererConfig } from '../channels/renderer-config';

/** The hub's channel registry and renderer settings, built once from the configuration. */
@Injectable()
export class ChannelsService {
  readonly registry = new ChannelRegistry(builtInRenderers());
  readonly rendererConfig: RendererConfig;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.rendererConfig = { ...DEFAULT_RENDERER_CONFIG, inApp: config.inApp, sms: config.sms };
  }
}
