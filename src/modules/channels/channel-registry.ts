import { UnknownChannelError } from '../../common/errors/domain-errors';
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
}
