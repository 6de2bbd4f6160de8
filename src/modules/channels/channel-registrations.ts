import { ChannelRenderer } from './channel-renderer';

type RendererClass = new () => ChannelRenderer;

/** A renderer class, or a class with options of its own (passed to its onInit). */
export type RendererRegistration = RendererClass | { use: RendererClass; options?: Record<string, unknown> };

export const CHANNEL_RENDERERS = Symbol('CHANNEL_RENDERERS');

/** Instances with their options, in registration order. */
export function instantiate(registrations: RendererRegistration[]): { renderer: ChannelRenderer; options: Record<string, unknown> }[] {
  return registrations.map((registration) =>
    typeof registration === 'function' ? { renderer: new registration(), options: {} } : { renderer: new registration.use(), options: registration.options ?? {} },
  );
}
