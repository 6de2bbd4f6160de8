import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-errors';
import { ContentModelDefinition, FieldDefinition } from '../content-models/content-model.types';
import { FieldViolation, isPlainObject, refuseViolations } from '../content-models/validate-fields';
import { PersonasService } from '../personas/personas.service';
import { ContentMetadata } from './content-metadata';
import { KNOWN_ASSETS, KnownAssets, TOKEN_SYNTAX, TokenSyntax } from './content-ports';
import { ContentItemsRepository } from './content-items.repository';
import { KNOWN_CHANNELS, KnownChannels } from './known-channels';

/**
 * The checks that need more than the model: tokens that cannot be read, assets and referenced
 * items that do not exist, channels and personas the hub does not know. Run when content is
 * saved, so a mistake is the editor's error then, never a failed send; and by contentHealth over
 * what is stored, to find content that no longer passes.
 */
@Injectable()
export class ContentChecks {
  constructor(
    private readonly repository: ContentItemsRepository,
    private readonly personas: PersonasService,
    @Inject(KNOWN_CHANNELS) private readonly channels: KnownChannels,
    @Inject(TOKEN_SYNTAX) private readonly tokens: TokenSyntax,
    @Inject(KNOWN_ASSETS) private readonly assets: KnownAssets,
  ) {}

  /** Throws one BadUserInputError naming the first problem and listing all in `extensions.violations`. */
  async check(model: ContentModelDefinition, fields: Record<string, unknown>, metadata: ContentMetadata, base: string): Promise<void> {
    refuseViolations(await this.problems(model, fields, metadata, base));
  }

  async problems(model: ContentModelDefinition, fields: Record<string, unknown>, metadata: ContentMetadata, base: string): Promise<FieldViolation[]> {
    const at = (path: string) => (base ? `${base}.${path}` : path);
    return [
      ...this.tokenProblems(fields, at('fields')),
      ...(await this.referenceProblems(model, fields, at('fields'))),
      ...this.channelProblems(metadata.channels, at('metadata.channels')),
      ...(await this.personaProblems(metadata.personaTags, at('metadata.personaTags'))),
    ];
  }

  /** Persona keys must name personas the hub has. */
  async personaProblems(tags: string[], path: string): Promise<FieldViolation[]> {
    if (tags.length === 0) return [];
    const known = new Set((await this.personas.list()).map((persona) => persona.key));
    return tags.filter((tag) => !known.has(tag)).map((tag) => ({ path, message: `persona "${tag}" does not exist (personas: ${[...known].join(', ') || 'none yet'})` }));
  }

  channelProblems(channels: string[], path: string): FieldViolation[] {
    const known = this.channels.keys();
    return channels.filter((channel) => !known.includes(channel)).map((channel) => ({ path, message: `Unknown channel "${channel}"; channels: ${known.join(', ')}` }));
  }

  /** Every text, wherever it sits in the fields (lists, links), may carry tokens. */
  private tokenProblems(value: unknown, path: string): FieldViolation[] {
    if (typeof value === 'string') {
      try {
        this.tokens.check(value, path);
        return [];
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return [{ path, message: error.message.startsWith(`${path} `) ? error.message.slice(path.length + 1) : error.message }];
      }
    }
    if (Array.isArray(value)) return value.flatMap((entry, index) => this.tokenProblems(entry, `${path}[${index}]`));
    if (isPlainObject(value)) return Object.entries(value).flatMap(([key, entry]) => this.tokenProblems(entry, `${path}.${key}`));
    return [];
  }

  private async referenceProblems(model: ContentModelDefinition, fields: Record<string, unknown>, base: string): Promise<FieldViolation[]> {
    const assets: { id: string; path: string }[] = [];
    const items: { id: string; path: string }[] = [];
    const visit = (field: Omit<FieldDefinition, 'key'>, value: unknown, path: string) => {
      if (field.type === 'image' && isPlainObject(value) && typeof value.assetId === 'string') assets.push({ id: value.assetId, path: `${path}.assetId` });
      if (field.type === 'reference' && typeof value === 'string') items.push({ id: value, path });
      if (field.type === 'list' && Array.isArray(value) && field.items) value.forEach((entry, index) => visit(field.items as Omit<FieldDefinition, 'key'>, entry, `${path}[${index}]`));
    };
    for (const field of model.fields) if (fields[field.key] !== undefined) visit(field, fields[field.key], `${base}.${field.key}`);
    const [existingAssets, existingItems] = await Promise.all([
      assets.length ? this.assets.existingIds(assets.map((asset) => asset.id)) : new Set<string>(),
      items.length ? this.repository.existingIds(items.map((item) => item.id)) : new Set<string>(),
    ]);
    return [
      ...assets.filter((asset) => !existingAssets.has(asset.id)).map(({ id, path }) => ({ path, message: `asset ${id} does not exist; upload it first (POST /assets)` })),
      ...items.filter((item) => !existingItems.has(item.id)).map(({ id, path }) => ({ path, message: `content item ${id} does not exist` })),
    ];
  }
}
