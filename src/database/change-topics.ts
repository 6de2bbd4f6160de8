/**
 * Every change the hub announces across instances, with its payload: one typed map, so a
 * publisher and its subscribers cannot disagree on a topic's name or shape.
 */
export interface ChangeTopics {
  /** A content item was created or changed (any status). */
  'content-item-changed': { id: string; version: number };
  /** A hand-written variant of the item was created, changed or deleted. */
  'channel-variants-changed': { itemId: string };
  'personas-changed': { key: string };
  /** A brand was set or removed: renderings compiled with the old one are stale. */
  'brands-changed': Record<string, never>;
  /** An experiment was concluded: delivery sends everyone to its winning arm. */
  'experiment-concluded': { key: string };
  'api-key-revoked': { id: string };
  /** The listener reconnected and may have missed notifications: drop every cache. */
  reset: Record<string, never>;
}

export type ChangeTopic = keyof ChangeTopics;
