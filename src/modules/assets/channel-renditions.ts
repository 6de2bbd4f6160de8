import { RenditionSpec } from '../../common/renditions/rendition-spec';

/**
 * The rendition profiles the registered channels declare, as assets needs them to make and serve
 * renditions. Provided by the channels module; assets depends only on this port.
 */
export interface ChannelRenditions {
  renditionProfiles(): Record<string, RenditionSpec>;
}

export const CHANNEL_RENDITIONS = Symbol('CHANNEL_RENDITIONS');
