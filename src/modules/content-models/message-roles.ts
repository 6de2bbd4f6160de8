/**
 * The channel-independent shape every renderer reads. A content model maps its
 * own fields onto these roles, so renderers never depend on a particular model.
 * `body` is markdown; every text may contain Liquid personalisation tokens.
 */
export interface MessageRoles {
  headline?: string;
  summary?: string;
  body?: string;
  callToAction?: CallToAction;
  image?: MessageImage;
  hashtags?: string[];
  signOff?: string;
  legal?: string;
}

export interface CallToAction {
  label: string;
  url: string;
}

/** An image as the renderer needs it: the asset (when stored in the hub) and a URL per channel rendition. */
export interface MessageImage {
  assetId?: string;
  /** Fallback URL when the image is not a stored asset. */
  url?: string;
  alt?: string;
}

export const MESSAGE_ROLE_NAMES = [
  'headline',
  'summary',
  'body',
  'callToAction',
  'image',
  'hashtags',
  'signOff',
  'legal',
] as const;

export type MessageRoleName = (typeof MESSAGE_ROLE_NAMES)[number];
