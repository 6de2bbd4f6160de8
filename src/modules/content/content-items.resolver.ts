import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { UuidPipe } from '../../common/pipes/uuid.pipe';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { Roles } from '../auth/roles.decorator';
import { toContentItemModel, toRevisionModel } from './content-item.mapper';
import { ContentItemsService, MAX_BULK } from './content-items.service';
import { Transition } from './content-transitions';
import { BulkChangeModel, ItemVersionInput } from './models/bulk-change.model';
import { ContentItemsFilter } from './dto/content-items.filter';
import { ContentItemsSort } from './dto/content-items.sort';
import { columnOrder } from './content-order';
import { CreateContentItemInput } from './dto/create-content-item.input';
import { UpdateContentItemInput } from './dto/update-content-item.input';
import { ContentItemConnectionModel, ContentItemModel, RevisionModel } from './models/content-item.model';
import { ContentHealthModel } from './models/content-health.model';
import { MissingTranslationModel } from './models/missing-translation.model';
import { LOCALE } from './dto/create-content-item.input';
import { GraphQLJSONObject } from 'graphql-scalars';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { checkPageSize } from '../../common/pagination/page-size';

const MAX_HEALTH_REPORT = 1_000;

@Resolver(() => ContentItemModel)
export class ContentItemsResolver {
  constructor(private readonly items: ContentItemsService) {}

  @Query(() => ContentItemModel)
  @Roles(Role.PREVIEW, Role.DELIVERY)
  async contentItem(
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @CurrentPrincipal() principal: Principal,
    @Args('draft', { type: () => Boolean, nullable: true, defaultValue: false, description: "PREVIEW and above: a published item's pending draft instead of its live state" }) draft: boolean,
  ): Promise<ContentItemModel> {
    return toContentItemModel(await this.items.get(id, principal, draft));
  }

  @Mutation(() => ContentItemModel, { description: "Drops a published item's pending draft; the live version stays" })
  @Roles(Role.EDITOR)
  async discardDraft(@Args('id', { type: () => ID }, UuidPipe) id: string, @Args('version', { type: () => Int }) version: number, @CurrentPrincipal() principal: Principal): Promise<ContentItemModel> {
    return toContentItemModel(await this.items.discardDraft(id, version, principal));
  }

  @Query(() => ContentItemConnectionModel, { complexity: ({ args, childComplexity }) => (args.first ?? 20) * childComplexity })
  @Roles(Role.PREVIEW, Role.DELIVERY)
  async contentItems(
    @CurrentPrincipal() principal: Principal,
    @Args('filter', { type: () => ContentItemsFilter, nullable: true }) filter?: ContentItemsFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('sort', { type: () => ContentItemsSort, nullable: true, description: 'Default: updatedAt, newest first' }) sort?: ContentItemsSort,
  ): Promise<ContentItemConnectionModel> {
    const page = await this.items.list(filter, first, after, principal, sort ? columnOrder(sort.by, sort.direction) : undefined);
    return { ...page, edges: page.edges.map(({ cursor, node }) => ({ cursor, node: toContentItemModel(node) })) };
  }

  @Mutation(() => BulkChangeModel, { description: `Publishes up to ${MAX_BULK} items at once, all or none` })
  @Roles(Role.EDITOR)
  publishContentItems(@Args('items', { type: () => [ItemVersionInput] }) items: ItemVersionInput[], @CurrentPrincipal() principal: Principal): Promise<BulkChangeModel> {
    return this.bulk('publish', items, principal);
  }

  @Mutation(() => BulkChangeModel, { description: `Takes up to ${MAX_BULK} published items back to draft at once, all or none` })
  @Roles(Role.EDITOR)
  unpublishContentItems(@Args('items', { type: () => [ItemVersionInput] }) items: ItemVersionInput[], @CurrentPrincipal() principal: Principal): Promise<BulkChangeModel> {
    return this.bulk('unpublish', items, principal);
  }

  @Mutation(() => BulkChangeModel, { description: `Archives up to ${MAX_BULK} items at once, all or none` })
  @Roles(Role.EDITOR)
  archiveContentItems(@Args('items', { type: () => [ItemVersionInput] }) items: ItemVersionInput[], @CurrentPrincipal() principal: Principal): Promise<BulkChangeModel> {
    return this.bulk('archive', items, principal);
  }

  private async bulk(action: Transition, items: ItemVersionInput[], principal: Principal): Promise<BulkChangeModel> {
    const outcome = await this.items.transitionMany(action, items, principal);
    return {
      applied: outcome.applied,
      items: outcome.items.map(({ id, item, error }) => ({ id, item: item ? toContentItemModel(item) : null, error: error ? { code: error.code, message: error.message } : null })),
    };
  }

  @Query(() => [ContentHealthModel], { description: 'Stored drafts and published items (not archived) that no longer pass the save-time checks: a model, persona, asset or referenced item changed since' })
  @Roles(Role.PREVIEW)
  contentHealth(@Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first: number): Promise<ContentHealthModel[]> {
    checkPageSize(first, MAX_HEALTH_REPORT);
    return this.items.health(first);
  }

  @Query(() => [RevisionModel], { description: 'Every saved state of an item, newest first' })
  @Roles(Role.PREVIEW)
  async revisions(@Args('itemId', { type: () => ID }, UuidPipe) itemId: string, @CurrentPrincipal() principal: Principal): Promise<RevisionModel[]> {
    return (await this.items.revisions(itemId, principal)).map(toRevisionModel);
  }

  @Mutation(() => ContentItemModel)
  @Roles(Role.EDITOR)
  async createContentItem(@Args('input') input: CreateContentItemInput, @CurrentPrincipal() principal: Principal): Promise<ContentItemModel> {
    return toContentItemModel(await this.items.create(input, principal));
  }

  @Mutation(() => ContentItemModel)
  @Roles(Role.EDITOR)
  async updateContentItem(
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('version', { type: () => Int }) version: number,
    // Typed as a plain object so the global pipe leaves it alone: the service checks it after the version, as a stale version is CONFLICT before anything else.
    @Args('input', { type: () => UpdateContentItemInput }) input: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ContentItemModel> {
    return toContentItemModel(await this.items.update(id, version, input, principal));
  }

  @Mutation(() => ContentItemModel)
  @Roles(Role.EDITOR)
  async publishContentItem(
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('version', { type: () => Int }) version: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ContentItemModel> {
    return toContentItemModel(await this.items.publish(id, version, principal));
  }

  @Mutation(() => ContentItemModel)
  @Roles(Role.EDITOR)
  async unpublishContentItem(
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('version', { type: () => Int }) version: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ContentItemModel> {
    return toContentItemModel(await this.items.unpublish(id, version, principal));
  }

  @Mutation(() => ContentItemModel)
  @Roles(Role.EDITOR)
  async archiveContentItem(
    @Args('id', { type: () => ID }, UuidPipe) id: string,
    @Args('version', { type: () => Int }) version: number,
    @CurrentPrincipal() principal: Principal,
    @Args('withTranslations', { type: () => Boolean, nullable: true, defaultValue: false, description: 'Also archive the message in its other locales (all or none); otherwise they stay as they are' })
    withTranslations: boolean,
  ): Promise<ContentItemModel> {
    return toContentItemModel(await this.items.archive(id, version, principal, withTranslations));
  }

  @Mutation(() => ContentItemModel, { description: 'A draft of the message in another locale, in its translation family; fields the model does not localize are taken from the source' })
  @Roles(Role.EDITOR)
  async createTranslation(
    @Args('itemId', { type: () => ID }, UuidPipe) itemId: string,
    @Args('locale') locale: string,
    @Args('fields', { type: () => GraphQLJSONObject }) fields: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ContentItemModel> {
    if (!LOCALE.test(locale)) throw new BadUserInputError('locale must be a BCP 47 tag such as nl, nl-BE or en', 'locale');
    return toContentItemModel(await this.items.createTranslation(itemId, locale, fields, principal));
  }

  @Query(() => [MissingTranslationModel], { description: 'Messages of a theme that have no item yet in some of these locales' })
  @Roles(Role.PREVIEW)
  missingTranslations(@Args('theme') theme: string, @Args('locales', { type: () => [String] }) locales: string[]): Promise<MissingTranslationModel[]> {
    const malformed = locales.findIndex((locale) => !LOCALE.test(locale));
    if (malformed >= 0 || locales.length === 0 || locales.length > 50) throw new BadUserInputError('locales must be 1 to 50 BCP 47 tags such as nl, nl-BE or en', malformed >= 0 ? `locales.${malformed}` : 'locales');
    return this.items.missingTranslations(theme, locales);
  }

  @ResolveField(() => [ContentItemModel], { description: 'The same message in the other locales of its family' })
  async translations(@Parent() item: ContentItemModel, @CurrentPrincipal() principal: Principal): Promise<ContentItemModel[]> {
    return (await this.items.translations({ id: item.id, familyId: item.familyId }, principal)).map(toContentItemModel);
  }

  @Mutation(() => ContentItemModel, { description: 'Brings an old revision back as a new revision' })
  @Roles(Role.EDITOR)
  async restoreRevision(
    @Args('itemId', { type: () => ID }, UuidPipe) itemId: string,
    @Args('revision', { type: () => Int }) revision: number,
    @Args('version', { type: () => Int }) version: number,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ContentItemModel> {
    return toContentItemModel(await this.items.restoreRevision(itemId, revision, version, principal));
  }
}

@Resolver(() => ContentItemConnectionModel)
export class ContentItemConnectionResolver {
  @ResolveField(() => Int, { description: 'How many items match the filter (counted only when asked for)' })
  totalCount(@Parent() connection: ContentItemConnectionModel): Promise<number> {
    return connection.countAll();
  }
}
