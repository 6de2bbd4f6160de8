import { UnknownChannelError } from '../../common/errors/domain-errors';
import { ORIGINAL_PROFILE, RenditionSpec } from '../../common/renditions/rendition-spec';
import { ChannelRenderer } from './channel-renderer';

/** Finds renderers by key. Two renderers with one key are a start-up error, not a silent override. */
export class ChannelRegistry {
  private readonly renderers = new Map<string, ChannelRenderer>();

  constructor(renderers: ChannelRenderer[] = []) {
    renderers.forEach((renderer) => this.register(renderer));
  }

  register(renderer: ChannelRenderer): void {
    if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(renderer.key)) throw new Error(`Channel key "${renderer.key}" must be letters and digits`);
    if (this.renderers.has(renderer.key)) throw new Error(`Two channel renderers have the key "${renderer.key}"`);
    if (renderer.graphqlType !== undefined) {
      if (!/^[A-Z][A-Za-z0-9]*Variant$/.test(renderer.graphqlType)) throw new Error(`Channel "${renderer.key}": graphqlType "${renderer.graphqlType}" must be PascalCase and end in Variant`);
      const taken = this.list().find((other) => other.graphqlType === renderer.graphqlType);
      if (taken) throw new Error(`Channels "${taken.key}" and "${renderer.key}" both declare the GraphQL type ${renderer.graphqlType}`);
    }
    this.renderers.set(renderer.key, renderer);
  }

  get(key: string): ChannelRenderer {
    const renderer = this.renderers.get(key);
    if (!renderer) throw new UnknownChannelError(key, this.keys());
    return renderer;
  }

  keys(): string[] {
    return [...this.renderers.keys()];
  }

  list(): ChannelRenderer[] {
    return [...this.renderers.values()];
  }

  /** Every rendition profile the channels declare; one profile declared twice with different specs is a start-up error. */
  renditionProfiles(): Record<string, RenditionSpec> {
    const profiles: Record<string, RenditionSpec> = {};
    const declaredBy: Record<string, string> = {};
    for (const renderer of this.renderers.values()) {
      for (const [profile, spec] of Object.entries(renderer.renditions ?? {})) {
        if (profile === ORIGINAL_PROFILE) throw new Error(`Channel "${renderer.key}" declares a rendition "${ORIGINAL_PROFILE}", which is the uploaded file itself`);
        if (declaredBy[profile] && JSON.stringify(profiles[profile]) !== JSON.stringify(spec)) {
          throw new Error(`Channels "${declaredBy[profile]}" and "${renderer.key}" declare the rendition "${profile}" differently`);
        }
        profiles[profile] = spec;
        declaredBy[profile] ??= renderer.key;
      }
    }
    return profiles;
  }
}
