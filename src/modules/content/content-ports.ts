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
