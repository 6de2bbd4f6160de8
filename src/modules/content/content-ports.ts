import type { EntityManager } from 'typeorm';

/**
 * What content needs checked at save time but does not own; each is provided by the module that
 * does (channels, assets), so content depends only on these ports.
 */

/** Personalisation tokens in a text: throws a BadUserInputError naming `path` and the position when they cannot be read. */
export interface TokenSyntax {
  check(source: string, path: string): void;
}

export const TOKEN_SYNTAX = Symbol('TOKEN_SYNTAX');

/** Which of these asset ids exist. */
export interface KnownAssets {
  existingIds(ids: string[]): Promise<Set<string>>;
}

export const KNOWN_ASSETS = Symbol('KNOWN_ASSETS');

/**
 * Parts of an item's draft kept by other modules (its hand-written variants), settled in the same
 * transaction as the item itself.
 */
export interface DraftParts {
  /** Makes the waiting parts live: when the draft is published, and when the item leaves PUBLISHED (nothing saved is lost). */
  apply(manager: EntityManager, itemId: string): Promise<void>;
  /** Drops the waiting parts, with the draft (discardDraft). */
  discard(manager: EntityManager, itemId: string): Promise<void>;
}

export const DRAFT_PARTS = Symbol('DRAFT_PARTS');
