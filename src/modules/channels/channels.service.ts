import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { APP_CONFIG, AppConfig, integer } from '../../config/app-config';
import { RenditionSpec } from '../../common/renditions/rendition-spec';
import { ChannelRenditions } from '../assets/channel-renditions';
import { KnownChannels } from '../content/known-channels';
import { CHANNEL_RENDERERS, instantiate, RendererRegistration } from './channel-registrations';
import { ChannelRenderer, DEFAULT_RENDER_COST, settingValue } from './channel-renderer';
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
  settings: { name: string; env: string; value: number; min: number; max: number; description: string }[];
}

/** The hub's channel registry and renderer settings, built once from the configuration. */
@Injectable()
export class ChannelsService implements KnownChannels, ChannelRenditions, OnModuleInit, OnModuleDestroy {
  readonly registry = new ChannelRegistry();
  readonly rendererConfig: RendererConfig;
  private readonly options = new Map<ChannelRenderer, Record<string, unknown>>();

  constructor(
    @Inject(CHANNEL_RENDERERS) registrations: RendererRegistration[],
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {
    for (const { renderer, options } of instantiate(registrations)) this.add(renderer, options);
    for (const plugin of config.channelPlugins) this.loadPlugin(plugin);
    this.rendererConfig = { ...DEFAULT_RENDERER_CONFIG, linkSchemes: config.linkSchemes, settings: this.resolveSettings(config.channelEnvironment) };
  }

  /** Each renderer's onInit, with its options and the injector, before the hub takes requests. */
  async onModuleInit(): Promise<void> {
    for (const renderer of this.registry.list()) {
      await renderer.onInit?.({ options: this.options.get(renderer) ?? {}, get: (token) => this.moduleRef.get(token as never, { strict: false }) });
    }
  }

  async onModuleDestroy(): Promise<void> {
    for (const renderer of this.registry.list()) await renderer.onDestroy?.();
  }

  /** Each channel's declared settings from the environment, checked against their bounds: a bad value stops start-up, naming the variable. */
  private resolveSettings(environment: Record<string, string>): Record<string, Record<string, number>> {
    return Object.fromEntries(
      this.registry.list().map((renderer) => [
        renderer.key,
        Object.fromEntries(Object.entries(renderer.settings ?? {}).map(([name, setting]) => [name, integer(environment, setting.env, setting.default, setting.min, setting.max)])),
      ]),
    );
  }

  private add(renderer: ChannelRenderer, options: Record<string, unknown>): void {
    this.registry.register(renderer);
    this.options.set(renderer, options);
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
      settings: Object.entries(renderer.settings ?? {}).map(([name, setting]) => ({ name, env: setting.env, value: settingValue(renderer, this.rendererConfig, name), min: setting.min, max: setting.max, description: setting.description })),
    }));
  }

  /** A plugin module exports renderer classes; each becomes a channel, refused at start-up if its key is taken. */
  private loadPlugin(path: string): void {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.values(require(path) as Record<string, unknown>).filter((value): value is new () => ChannelRenderer => typeof value === 'function');
    if (exported.length === 0) throw new Error(`Channel plugin ${path} exports no renderer class`);
    for (const Renderer of exported) {
      const renderer = new Renderer();
      this.add(renderer, {});
      new Logger(ChannelsService.name).log(`Channel "${renderer.key}" registered from ${path}`);
    }
  }
}
