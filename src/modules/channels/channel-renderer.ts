import { CustomerAttributes } from '../../common/customer-context';
import { MessageRoles } from '../content-models/message-roles';
import { Tone } from '../personas/persona.types';
import { RenditionSpec } from '../../common/renditions/rendition-spec';
import { Brand } from './brand';
import { RendererConfig } from './renderer-config';

/** A constraint a channel declares, listed by the `channels` query. */
export interface ChannelConstraint {
  name: string;
  /** A fixed limit, or null when the hub's settings decide it (see `configuredLimit`) or there is none. */
  limit: number | null;
  description: string;
  /** The limit as this hub is configured, for limits set by environment (in-app lengths, SMS segments). */
  configuredLimit?: (config: RendererConfig) => number;
}

export interface Metric {
  name: string;
  value: number;
  limit: number | null;
}

/** Image URLs per rendition profile (`original` and the profiles channels declare); a renderer takes the ones it declared. */
export type ImageRenditions = Partial<Record<string, string>>;

/** What a renderer receives once at start-up: its own options and a way to reach the hub's providers. */
export interface RendererContext {
  /** The options it was registered with (`ChannelsModule.forRoot({ renderers: [{ use, options }] })`). */
  options: Record<string, unknown>;
  /** A provider of the hub by class or token (Nest's injector), e.g. to read a setting or call a service. */
  get<T>(token: unknown): T;
}

/** A number a channel lets the hub's operator set (a length limit, a segment count), with its environment variable. */
export interface ChannelSetting {
  env: string;
  default: number;
  min: number;
  max: number;
  description: string;
}

/** The value of one of a renderer's settings in this hub: as configured, else its declared default. */
export function settingValue(renderer: { key: string; settings?: Record<string, ChannelSetting> }, config: RendererConfig, name: string): number {
  return config.settings[renderer.key]?.[name] ?? renderer.settings![name].default;
}

/** A GraphQL scalar an output part is exposed as. */
export type PartType = 'String' | 'Int' | 'Float' | 'Boolean' | 'JSON';

/** One named part of a rendering (an email's `subject`), as a field of the channel's GraphQL type. */
export interface OutputPart {
  type: PartType;
  nullable?: boolean;
  description?: string;
}

/** Everything a renderer needs to compile one message for one channel. It touches nothing else. */
export interface RenderInput {
  itemId: string;
  itemVersion: number;
  locale: string;
  /** The item's roles, with a hand-written variant's fields already merged over them. */
  roles: MessageRoles;
  /** Channel-only keys of a hand-written variant (tweet `text`, email `subject`, …). */
  overrides: Record<string, unknown>;
  /** The tone of the matched persona; null when no persona applies. */
  tone: Tone | null;
  images: ImageRenditions;
  /** The print rendition's bytes, for renderers that embed images (the letter). */
  printImage?: Buffer;
  config: RendererConfig;
  /** Who the message comes from, for the item's theme and locale (sender block, footer, legal line). */
  brand: Brand;
}

/** The per-recipient part: filled into a compiled rendering at the last moment. */
export interface Recipient {
  attributes: CustomerAttributes;
  now: Date;
}

export interface RenderedOutput {
  /** The plain-text form. */
  text: string;
  warnings: string[];
  metrics: Metric[];
  /** The channel's named parts (email subject/html, tweet weightedLength, …). */
  parts: Record<string, unknown>;
}

/** The result of compiling: markdown, MJML and Liquid parsing done; `fill` only fills tokens. */
export interface CompiledRendering {
  fill(recipient: Recipient): RenderedOutput;
  /**
   * Roughly the heap bytes this compiled rendering keeps (`retainedBytes` of what its `fill`
   * reads), so that the hub's cache of compiled renderings holds HUB_RENDERING_CACHE_MB; without
   * it the hub guesses from the size of the message's fields.
   */
  readonly approximateBytes?: number;
}

/** Fills a compiled rendering for one recipient: `rendering.fill` alone, or into something bigger (a print file). */
export type FillRendering = (rendering: CompiledRendering, recipient: Recipient) => RenderedOutput;

/** Where one recipient's document sits in a print file. */
export interface ManifestEntry {
  customerId: string | null;
  /** The recipient's line in the run's audience. */
  line: number;
  /** 1-based; always odd, so every recipient starts on the front of a new sheet. */
  firstPage: number;
  pageCount: number;
}

/**
 * A print-ready PDF being put together, one recipient after another in the order given, each
 * starting on the front of a new sheet (an odd page count is followed by a blank page, for duplex).
 * Drawn into one document, so fonts and images are embedded once per file, not once per letter.
 */
export interface PrintFile {
  /**
   * Draws the recipient's document into the file and returns the rest of its output (what a run's
   * NDJSON line carries; the file carries the document). Takes renderings of its own channel only.
   * After a failed append the file is unusable: later calls and `finish` throw.
   */
  append(rendering: CompiledRendering, recipient: Recipient, entry: Pick<ManifestEntry, 'customerId' | 'line'>): RenderedOutput;
  /** The finished PDF and where each recipient's document sits in it. */
  finish(): { pdf: Buffer; manifest: ManifestEntry[] };
}

export interface PrintOutput {
  /** Where in the customer's attributes the print shop's sort order comes from (for mail: the postal code). */
  sortPath: string[];
  /** An empty print file: campaign runs open one per batch. */
  openFile(): Promise<PrintFile>;
}

export const DEFAULT_RENDER_COST = 10;
export const HEAVY_RENDER_COST = 100;

/**
 * A channel: turns one message into that channel's form. Pure: it receives all it needs (roles,
 * tone, image URLs, config) and reads no database, network or clock.
 *
 * Example — a push notification channel:
 * ```ts
 * export class PushRenderer implements ChannelRenderer {
 *   readonly key = 'push';
 *   readonly description = 'Mobile push notification: title and one line';
 *   readonly constraints = [{ name: 'length', limit: 120, description: 'characters of title + body' }];
 *   readonly overrideKeys = ['title', 'body'];
 *   readonly parts = { title: { type: 'String' } } as const;
 *   readonly renditions = { push: { width: 512, height: 256, fit: 'cover', format: 'webp' } } as const;
 *   async compile(input: RenderInput): Promise<CompiledRendering> {
 *     const title = TokenTemplate.plain(String(input.overrides.title ?? input.roles.headline ?? ''), 'fields.title');
 *     return { fill: (recipient) => {
 *       const warnings: string[] = [];
 *       const text = title.render({ customer: recipient.attributes, now: recipient.now }, warnings);
 *       return { text, warnings, metrics: [{ name: 'length', value: text.length, limit: 120 }], parts: { title: text } };
 *     } };
 *   }
 *   validateOverride(fields: Record<string, unknown>): void {}
 * }
 * ```
 * Register it in `built-in-renderers.ts` (or at start-up on the ChannelRegistry); it then appears
 * in the `channels` query and renders through `personalize` as a GenericVariant.
 */
export interface ChannelRenderer {
  readonly key: string;
  readonly description: string;
  readonly constraints: ChannelConstraint[];
  /** Keys a hand-written variant may set for this channel only. */
  readonly overrideKeys: string[];
  /** Numbers the operator may set through the environment; checked at start-up against min and max. */
  readonly settings?: Record<string, ChannelSetting>;
  /**
   * What one rendering costs in the query cost model, next to 1 for a plain field: about 10 for
   * text channels, more for HTML and much more for print. Default 10. At HEAVY_RENDER_COST or
   * more, renderings queue for a few worker slots so that cheap requests are never stuck behind them.
   */
  readonly renderCost?: number;
  /**
   * The parts `fill` returns that clients may ask for, with their GraphQL types. With `graphqlType`
   * set, the channel gets its own variant type (`EmailVariant { subject preheader html }`);
   * without, it comes back as a GenericVariant whose `parts` is JSON.
   */
  readonly parts?: Record<string, OutputPart>;
  readonly graphqlType?: string;
  /** Image renditions the channel uses, by profile name; the assets module makes and serves them. */
  readonly renditions?: Record<string, RenditionSpec>;
  /** A declared profile whose bytes the renderer embeds (print), passed as `printImage`. */
  readonly printRendition?: string;
  /**
   * For channels that end on paper: campaign runs then render each batch (sorted by `sortPath`)
   * into one print file instead of calling `fill`. See LetterRenderer and its LetterPrintFile.
   */
  readonly print?: PrintOutput;
  /** Called once when the hub starts, before the first rendering: options and the injector. */
  onInit?(context: RendererContext): void | Promise<void>;
  /** Called when the hub stops: release what onInit took. */
  onDestroy?(): void | Promise<void>;
  compile(input: RenderInput): Promise<CompiledRendering>;
  /**
   * Checks a hand-written variant's fields against the channel's hard rules when it is saved;
   * throws BadUserInputError naming the field and the limit.
   */
  validateOverride(fields: Record<string, unknown>, config: RendererConfig): void;
}
