import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLFieldConfigMap,
  GraphQLFloat,
  GraphQLID,
  GraphQLInputFieldConfigMap,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  GraphQLString,
  GraphQLNamedType,
  GraphQLFieldConfig,
} from 'graphql';
import { BadUserInputError, ForbiddenError } from '../../common/errors/domain-errors';
import { validateElement } from '../../common/pipes/validation.pipe';
import { PRINCIPAL_KEY } from '../../modules/auth/current-principal.decorator';
import { hasRole, keyOfRole, Principal } from '../../modules/auth/principal';
import { Role } from '../../modules/auth/role.enum';
import { ContentModelDefinition, FieldDefinition } from '../../modules/content-models/content-model.types';
import { toContentItemModel } from '../../modules/content/content-item.mapper';
import { ContentItemsPageResult } from '../../modules/content/content-items.service';
import { FieldFilter } from '../../modules/content/content-items.repository';
import { CreateContentItemInput } from '../../modules/content/dto/create-content-item.input';
import { ContentItemEntity } from '../../modules/content/entities/content-item.entity';
import { enumValueNameOf, fieldNameOf, freeName, pluralOf, typeNameOf } from './graphql-names';
import { isUuid } from '../../common/ids/uuid';
import { columnOrder, ContentOrder, DEFAULT_ORDER, fieldOrder, SORT_COLUMNS, SortColumn, SortDirection } from '../../modules/content/content-order';

/** What typed queries and mutations run on: the same services as the generic content API. */
export interface TypedContentSource {
  models: ContentModelDefinition[];
  get(id: string, principal: Principal, draft: boolean): Promise<ContentItemEntity>;
  list(filter: Record<string, unknown> & { model: string; fieldFilters: FieldFilter[] }, first: number, after: string | undefined, principal: Principal, order: ContentOrder): Promise<ContentItemsPageResult>;
  create(input: CreateContentItemInput, principal: Principal): Promise<ContentItemEntity>;
  /** Checks the version, then that the item is a `model`, then the input: a stale version is CONFLICT before anything else. */
  update(id: string, version: number, input: unknown, principal: Principal, model: string): Promise<ContentItemEntity>;
  renditionUrls(assetId: string): Record<string, string>;
}

type FieldShape = Omit<FieldDefinition, 'key'>;
type Context = { req: Record<string | symbol, unknown> };

/**
 * Adds a typed API per content model next to the generic one (Contentful/Hygraph style): for
 * `message`, the type `Message` with its typed fields (on the type itself, and all of them under
 * `fields`), `message(id)`, `messages(filter, first, after)` with field filters, and
 * `createMessage` / `updateMessage` with typed inputs. Built from content-models/ when the hub
 * starts, so a model change shows in the schema on restart.
 */
export function addTypedContent(schema: GraphQLSchema, source: TypedContentSource): GraphQLSchema {
  const config = schema.toConfig();
  const added = new Map<string, GraphQLNamedType>();
  const taken = (name: string) => schema.getType(name) !== undefined || added.has(name);
  const existing = <T>(name: string) => schema.getType(name) as T;
  const shared = sharedTypes(source);
  Object.values(shared).forEach((type) => added.set(type.name, type));

  const queryFields: GraphQLFieldConfigMap<unknown, Context> = {};
  const mutationFields: GraphQLFieldConfigMap<unknown, Context> = {};
  const queryTaken = (name: string) => name in schema.getQueryType()!.getFields() || name in queryFields;
  const mutationTaken = (name: string) => name in (schema.getMutationType()?.getFields() ?? {}) || name in mutationFields;

  for (const model of source.models) {
    const name = freeName(typeNameOf(model.key), taken);
    const enums = new Map<string, GraphQLEnumType>();
    const enumOf = (field: FieldShape, key: string) => {
      const enumName = freeName(`${name}${typeNameOf(key)}`, taken);
      if (!enums.has(key)) {
        const type = new GraphQLEnumType({ name: enumName, values: Object.fromEntries((field.values ?? []).map((value) => [enumValueNameOf(value), { value, description: value }])) });
        enums.set(key, type);
        added.set(enumName, type);
      }
      return enums.get(key)!;
    };
    const output = (field: FieldShape, key: string): GraphQLOutputType => {
      switch (field.type) {
        case 'number':
          return GraphQLFloat;
        case 'boolean':
          return GraphQLBoolean;
        case 'enum':
          return enumOf(field, key);
        case 'image':
          return shared.image;
        case 'link':
          return shared.link;
        case 'reference':
          return GraphQLID;
        case 'list':
          return new GraphQLList(new GraphQLNonNull(output(field.items as FieldShape, key)));
        default:
          return GraphQLString;
      }
    };
    const input = (field: FieldShape, key: string): GraphQLInputType => {
      switch (field.type) {
        case 'image':
          return shared.imageInput;
        case 'link':
          return shared.linkInput;
        case 'list':
          return new GraphQLList(new GraphQLNonNull(input(field.items as FieldShape, key)));
        default:
          return output(field, key) as GraphQLInputType;
      }
    };
    const graphqlKeys = new Map(model.fields.map((field) => [fieldNameOf(field.key), field]));

    // Nullable even when the model requires the field: content stored before the model changed may lack it, and one such item must not blank a whole page.
    const typedFields = <T>(fieldsOf: (source: T) => Record<string, unknown>, graphqlNames: string[]): GraphQLFieldConfigMap<T, Context> =>
      Object.fromEntries(
        graphqlNames.map((graphqlKey) => {
          const field = graphqlKeys.get(graphqlKey)!;
          return [graphqlKey, { type: output(field, field.key), description: field.label, resolve: (source: T) => fieldsOf(source)[field.key] ?? null }];
        }),
      );
    const fieldsType = new GraphQLObjectType<Record<string, unknown>, Context>({
      name: freeName(`${name}Fields`, taken),
      description: `The fields of a ${model.name}`,
      fields: () => typedFields((fields: Record<string, unknown>) => fields, [...graphqlKeys.keys()]),
    });
    added.set(fieldsType.name, fieldsType);

    const itemType = new GraphQLObjectType<ContentItemEntity, Context>({
      name,
      description: model.description ?? `A ${model.name}`,
      fields: () => {
        const own: GraphQLFieldConfigMap<ContentItemEntity, Context> = {
          id: { type: new GraphQLNonNull(GraphQLID) },
          slug: { type: new GraphQLNonNull(GraphQLString) },
          locale: { type: new GraphQLNonNull(GraphQLString) },
          familyId: { type: new GraphQLNonNull(GraphQLID), resolve: (item) => item.familyId ?? item.id },
          status: { type: new GraphQLNonNull(existing<GraphQLEnumType>('ContentStatus')) },
          version: { type: new GraphQLNonNull(GraphQLInt) },
          publishedVersion: { type: GraphQLInt },
          hasDraft: { type: new GraphQLNonNull(GraphQLBoolean), resolve: (item) => item.draft !== null },
          metadata: { type: new GraphQLNonNull(existing<GraphQLObjectType>('ContentMetadata')), resolve: (item) => toContentItemModel(item).metadata },
          updatedAt: { type: new GraphQLNonNull(existing<GraphQLNamedType>('DateTime') as GraphQLOutputType) },
          fields: { type: new GraphQLNonNull(fieldsType), resolve: (item) => item.fields },
        };
        // A model field named like one of the item's own is read under `fields` only.
        return { ...typedFields((item: ContentItemEntity) => item.fields, [...graphqlKeys.keys()].filter((graphqlKey) => !(graphqlKey in own))), ...own };
      },
    });
    added.set(name, itemType);

    const filterFields: GraphQLInputFieldConfigMap = {
      locale: { type: GraphQLString },
      status: { type: existing<GraphQLEnumType>('ContentStatus') },
      theme: { type: GraphQLString },
      search: { type: GraphQLString, description: 'Words in the slug, theme and texts (prefix match), as in contentItems' },
    };
    for (const [graphqlKey, field] of graphqlKeys) {
      const filter = filterTypeOf(field, field.key, shared, enumOf, taken, added);
      if (filter && !(graphqlKey in filterFields)) filterFields[graphqlKey] = { type: filter };
    }
    const filterType = new GraphQLInputObjectType({ name: freeName(`${name}Filter`, taken), fields: filterFields });
    added.set(filterType.name, filterType);
    const edgeType = new GraphQLObjectType({ name: freeName(`${name}Edge`, taken), fields: { cursor: { type: new GraphQLNonNull(GraphQLString) }, node: { type: new GraphQLNonNull(itemType) } } });
    added.set(edgeType.name, edgeType);
    const connectionType = new GraphQLObjectType<ContentItemsPageResult, Context>({
      name: freeName(`${name}Connection`, taken),
      fields: {
        edges: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(edgeType))) },
        pageInfo: { type: new GraphQLNonNull(existing<GraphQLObjectType>('PageInfo')) },
        totalCount: { type: new GraphQLNonNull(GraphQLInt), resolve: (page) => page.countAll() },
      },
    });
    added.set(connectionType.name, connectionType);

    const sortType = sortTypeOf(name, graphqlKeys, existing<GraphQLEnumType>('SortDirection'), taken, added);

    const inputFields = (required: boolean): GraphQLInputFieldConfigMap =>
      Object.fromEntries([...graphqlKeys].map(([graphqlKey, field]) => [graphqlKey, { type: required && field.required ? new GraphQLNonNull(input(field, field.key)) : input(field, field.key), description: field.label }]));
    const fieldsInput = new GraphQLInputObjectType({ name: freeName(`${name}FieldsInput`, taken), fields: () => inputFields(true) });
    const fieldsPatch = new GraphQLInputObjectType({ name: freeName(`${name}FieldsPatch`, taken), description: 'Only the fields to change; null removes a field (JSON merge patch)', fields: () => inputFields(false) });
    const createInput = new GraphQLInputObjectType({
      name: freeName(`Create${name}Input`, taken),
      fields: () => ({
        slug: { type: new GraphQLNonNull(GraphQLString) },
        locale: { type: new GraphQLNonNull(GraphQLString) },
        fields: { type: new GraphQLNonNull(fieldsInput) },
        metadata: { type: existing<GraphQLInputObjectType>('ContentMetadataInput') },
      }),
    });
    const updateInput = new GraphQLInputObjectType({
      name: freeName(`Update${name}Input`, taken),
      fields: () => ({ slug: { type: GraphQLString }, fields: { type: fieldsPatch }, metadata: { type: existing<GraphQLInputObjectType>('ContentMetadataInput') } }),
    });
    [fieldsInput, fieldsPatch, createInput, updateInput].forEach((type) => added.set(type.name, type));
    const stored = (values: Record<string, unknown> | undefined) =>
      values === undefined ? undefined : Object.fromEntries(Object.entries(values).map(([graphqlKey, value]) => [graphqlKeys.get(graphqlKey)!.key, value]));

    const single = freeName(name[0].toLowerCase() + name.slice(1), queryTaken);
    queryFields[single] = {
      type: itemType,
      description: `One ${model.name} by id (typed fields)`,
      args: { id: { type: new GraphQLNonNull(GraphQLID) }, draft: { type: GraphQLBoolean, description: "PREVIEW and above: a published item's pending draft" } },
      resolve: async (_root, args: { id: string; draft?: boolean | null }, context) => {
        const item = await source.get(uuidArg(args.id, 'id'), principalOf(context), args.draft === true);
        if (item.model !== model.key) throw new BadUserInputError(`Item ${args.id} is a ${item.model}, not a ${model.key}; use contentItem(id)`, 'id');
        return item;
      },
    } satisfies GraphQLFieldConfig<unknown, Context, { id: string; draft?: boolean | null }>;
    queryFields[freeName(pluralOf(single), queryTaken)] = {
      type: new GraphQLNonNull(connectionType),
      description: `A page of ${model.name} items (newest first unless sorted), with field filters`,
      args: { filter: { type: filterType }, sort: { type: sortType, description: 'Default: updatedAt, newest first' }, first: { type: GraphQLInt, defaultValue: 20 }, after: { type: GraphQLString } },
      resolve: (_root, args: { filter?: Record<string, unknown> | null; sort?: { by: SortBy; direction: SortDirection } | null; first: number; after?: string | null }, context) => {
        const { locale, status, theme, search, ...byField } = args.filter ?? {};
        const fieldFilters = Object.entries(byField).flatMap(([graphqlKey, condition]) => toFieldFilters(graphqlKeys.get(graphqlKey)!, condition));
        const generic = Object.fromEntries(Object.entries({ locale, status, theme, search }).filter(([, value]) => value != null));
        return source.list({ ...generic, model: model.key, fieldFilters }, args.first, args.after ?? undefined, principalOf(context), orderOf(args.sort));
      },
    };
    mutationFields[freeName(`create${name}`, mutationTaken)] = {
      type: new GraphQLNonNull(itemType),
      description: `Creates a ${model.name} as a draft (EDITOR)`,
      args: { input: { type: new GraphQLNonNull(createInput) } },
      resolve: async (_root, args: { input: { slug: string; locale: string; fields: Record<string, unknown>; metadata?: Record<string, unknown> | null } }, context) => {
        const principal = editorOf(context);
        const input = await validateElement(CreateContentItemInput, { ...args.input, metadata: args.input.metadata ?? undefined, model: model.key, fields: stored(args.input.fields) }, 'input');
        return source.create(input, principal);
      },
    };
    mutationFields[freeName(`update${name}`, mutationTaken)] = {
      type: new GraphQLNonNull(itemType),
      description: `Changes a ${model.name} (EDITOR): fields are merged, a published item gets a draft`,
      args: { id: { type: new GraphQLNonNull(GraphQLID) }, version: { type: new GraphQLNonNull(GraphQLInt) }, input: { type: new GraphQLNonNull(updateInput) } },
      resolve: async (_root, args: { id: string; version: number; input: { slug?: string | null; fields?: Record<string, unknown> | null; metadata?: Record<string, unknown> | null } }, context) => {
        const principal = editorOf(context);
        const input = { slug: args.input.slug ?? undefined, fields: stored(args.input.fields ?? undefined), metadata: args.input.metadata ?? undefined };
        return source.update(uuidArg(args.id, 'id'), args.version, input, principal, model.key);
      },
    };
  }

  const queryConfig = schema.getQueryType()!.toConfig();
  const mutationConfig = schema.getMutationType()!.toConfig();
  const query = new GraphQLObjectType({ ...queryConfig, fields: { ...queryConfig.fields, ...queryFields } });
  const mutation = new GraphQLObjectType({ ...mutationConfig, fields: { ...mutationConfig.fields, ...mutationFields } });
  const types = config.types.filter((type) => type.name !== query.name && type.name !== mutation.name);
  return new GraphQLSchema({ ...config, query, mutation, types: [...types, ...added.values()] });
}

function sharedTypes(source: TypedContentSource) {
  const image = new GraphQLObjectType<{ assetId?: string; url?: string; alt?: string }>({
    name: 'ContentImage',
    description: 'An image field: an uploaded asset (with a rendition per channel) or an outside URL',
    fields: {
      id: { type: GraphQLID, description: 'The asset id (null for an outside URL)', resolve: (image) => image.assetId ?? null },
      assetId: { type: GraphQLID },
      alt: { type: GraphQLString },
      url: {
        type: GraphQLString,
        args: { profile: { type: GraphQLString, defaultValue: 'original', description: 'A rendition profile (see channels { renditions })' } },
        resolve: (image, args: { profile: string }) => (image.assetId ? (source.renditionUrls(image.assetId)[args.profile] ?? null) : (image.url ?? null)),
      },
    },
  });
  const link = new GraphQLObjectType({ name: 'ContentLink', fields: { label: { type: new GraphQLNonNull(GraphQLString) }, url: { type: new GraphQLNonNull(GraphQLString) } } });
  const imageInput = new GraphQLInputObjectType({ name: 'ContentImageInput', fields: { assetId: { type: GraphQLID }, url: { type: GraphQLString }, alt: { type: GraphQLString } } });
  const linkInput = new GraphQLInputObjectType({ name: 'ContentLinkInput', fields: { label: { type: new GraphQLNonNull(GraphQLString) }, url: { type: new GraphQLNonNull(GraphQLString) } } });
  const text = new GraphQLInputObjectType({ name: 'TextFieldFilter', fields: { eq: { type: GraphQLString }, contains: { type: GraphQLString, description: 'Case-insensitive substring' } } });
  const number = new GraphQLInputObjectType({ name: 'NumberFieldFilter', fields: { eq: { type: GraphQLFloat }, gt: { type: GraphQLFloat }, gte: { type: GraphQLFloat }, lt: { type: GraphQLFloat }, lte: { type: GraphQLFloat } } });
  return { image, link, imageInput, linkInput, text, number };
}

function filterTypeOf(
  field: FieldShape,
  key: string,
  shared: ReturnType<typeof sharedTypes>,
  enumOf: (field: FieldShape, key: string) => GraphQLEnumType,
  taken: (name: string) => boolean,
  added: Map<string, GraphQLNamedType>,
): GraphQLInputType | null {
  if (field.type === 'text' || field.type === 'markdown' || field.type === 'date' || field.type === 'reference') return shared.text;
  if (field.type === 'number') return shared.number;
  if (field.type === 'boolean') return GraphQLBoolean;
  if (field.type !== 'enum') return null;
  const type = enumOf(field, key);
  const name = freeName(`${type.name}Filter`, taken);
  const filter = (added.get(name) as GraphQLInputObjectType | undefined) ?? new GraphQLInputObjectType({ name, fields: { eq: { type }, in: { type: new GraphQLList(new GraphQLNonNull(type)) } } });
  added.set(name, filter);
  return filter;
}

type SortBy = { column: SortColumn } | { field: string; kind: 'text' | 'number' };

/** `MessageSort { by: MessageSortKey, direction }`: the item's own sort keys, then each text, date, enum, reference and number field. */
function sortTypeOf(name: string, graphqlKeys: Map<string, FieldDefinition>, direction: GraphQLEnumType, taken: (name: string) => boolean, added: Map<string, GraphQLNamedType>): GraphQLInputObjectType {
  const values: Record<string, { value: SortBy; description?: string }> = Object.fromEntries((Object.keys(SORT_COLUMNS) as SortColumn[]).map((column) => [column, { value: { column } }]));
  for (const [graphqlKey, field] of graphqlKeys) {
    const kind = field.type === 'number' ? 'number' : ['text', 'markdown', 'date', 'enum', 'reference'].includes(field.type) ? 'text' : null;
    const valueName = enumValueNameOf(graphqlKey.replace(/([a-z0-9])([A-Z])/g, '$1_$2'));
    if (kind && !(valueName in values)) values[valueName] = { value: { field: field.key, kind }, description: `By ${field.label ?? graphqlKey}; items without it come last` };
  }
  const key = new GraphQLEnumType({ name: freeName(`${name}SortKey`, taken), description: 'What a page is ordered by; ties go by id', values });
  added.set(key.name, key);
  const sort = new GraphQLInputObjectType({
    name: freeName(`${name}Sort`, taken),
    description: 'Order of a page; a cursor only continues the order it came from',
    fields: { by: { type: new GraphQLNonNull(key), defaultValue: values.UPDATED_AT.value }, direction: { type: new GraphQLNonNull(direction), defaultValue: 'DESC' } },
  });
  added.set(sort.name, sort);
  return sort;
}

function orderOf(sort: { by: SortBy; direction: SortDirection } | null | undefined): ContentOrder {
  if (!sort) return DEFAULT_ORDER;
  return 'column' in sort.by ? columnOrder(sort.by.column, sort.direction) : fieldOrder(sort.by.field, sort.by.kind, sort.direction);
}

function toFieldFilters(field: FieldDefinition, condition: unknown): FieldFilter[] {
  if (condition == null) return [];
  if (field.type === 'boolean') return [{ field: field.key, op: 'eq', kind: 'boolean', value: condition as boolean }];
  const kind = field.type === 'number' ? 'number' : 'text';
  return Object.entries(condition as Record<string, unknown>)
    .filter(([, value]) => value != null)
    .map(([op, value]) => ({ field: field.key, op: op as FieldFilter['op'], kind, value: value as FieldFilter['value'] }));
}

function principalOf(context: Context): Principal {
  return context.req[PRINCIPAL_KEY] as Principal;
}

function editorOf(context: Context): Principal {
  const principal = principalOf(context);
  if (!hasRole(principal, Role.EDITOR)) throw new ForbiddenError(`${keyOfRole(principal.role)} may not do this; it needs one of: EDITOR`);
  return principal;
}


function uuidArg(value: string, path: string): string {
  if (!isUuid(value)) throw new BadUserInputError(`${path} must be a content item id (a UUID)`, path);
  return value;
}
