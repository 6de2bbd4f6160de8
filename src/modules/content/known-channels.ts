/**
 * The channel keys the hub can render, as content needs them to check an item's `channels`.
 * Provided by the channels module; content depends only on this port, not on the renderers.
 */
export interface KnownChannels {
  keys(): string[];
}

export const KNOWN_CHANNELS = Symbol('KNOWN_CHANNELS');
