import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RenditionSpec } from '../../common/renditions/rendition-spec';
import { ChannelRenditions } from '../assets/channel-renditions';
import { KnownChannels } from '../content/known-channels';
import { builtInRenderers } from './built-in-renderers';
import { ChannelRenderer, DEFAULT_RENDER_COST } from './channel-renderer';
import { ChannelRegistry } from './channel-registry';
import { DEFAULT_RENDERER_CONFIG, RendererConfig } from './renderer-config';

export interface ChannelDescription {
  key: string;
  description: string;
  overrideKeys: string[];
  constraints: { name: string; limit: number | null; description: string }[];
  graphqlType: string | null;
  parts: { name: string; type: string; nullable: boolean; description: string | null }[];
  renditions: string[];
}

/** The hub's channel registry and renderer settings, built once from the configuration. */
@Injectable()
export class ChannelsService implements KnownChannels, ChannelRenditions {
  readonly registry = new ChannelRegistry(builtInRenderers());
  readonly rendererConfig: RendererConfig;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.rendererConfig = { ...DEFAULT_RENDERER_CONFIG, inApp: config.inApp, sms: config.sms, linkSchemes: config.linkSchemes };
    for (const plugin of config.channelPlugins) this.loadPlugin(plugin);
  }

  keys(): string[] {
    return this.registry.keys();
  }

  renditionProfiles(): Record<string, RenditionSpec> {
    return this.registry.renditionProfiles();
  }

  /** A rendering's cost in the query cost model; an unknown or unnamed channel costs as much as the dearest. */
  renderCost(channel: string | undefined): number {
    const known = channel !== undefined && this.registry.keys().includes(channel);
    if (known) return this.registry.get(channel).renderCost ?? DEFAULT_RENDER_COST;
    return Math.max(...this.registry.list().map((candidate) => candidate.renderCost ?? DEFAULT_RENDER_COST));
  }

  /** Every channel with what it declares, limits resolved against this hub's settings. */
  describe(): ChannelDescription[] {
    return this.registry.list().map((renderer) => ({
      key: renderer.key,
      description: renderer.description,
      overrideKeys: renderer.overrideKeys,
      constraints: renderer.constraints.map(({ name, limit, description, configuredLimit }) => ({ name, description, limit: limit ?? configuredLimit?.(this.rendererConfig) ?? null })),
      graphqlType: renderer.graphqlType ?? null,
      parts: Object.entries(renderer.parts ?? {}).map(([name, part]) => ({ name, type: part.type, nullable: part.nullable ?? false, description: part.description ?? null })),
      renditions: Object.keys(renderer.renditions ?? {}),
    }));
  }

  /** A plugin module exports renderer classes; each becomes a channel, refused at start-up if its key is taken. */
  private loadPlugin(path: string): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.values(require(path) as Record<string, unknown>).filter((value): value is new () => ChannelRenderer => typeof value === 'function');
    if (exported.length === 0) throw new Error(`Channel plugin ${path} exports no renderer class`);
    for (const Renderer of exported) {
      const renderer = new Renderer();
      this.registry.register(renderer);
      new Logger(ChannelsService.name).log(`Channel "${renderer.key}" registered from ${path}`);
    }
  }
}
