import { ComplexityEstimator, fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import {
  ASTNode,
  BREAK,
  DocumentNode,
  FieldNode,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  GraphQLField,
  GraphQLSchema,
  TypeInfo,
  VariableDefinitionNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { WeightedLru } from '../common/cache/weighted-lru';

/** The channels a rendering field will render, read from its arguments, and whether it is a batch field; undefined for any other field. */
export type RenderedChannels = (fieldName: string, args: Record<string, unknown>) => { channels: (string | undefined)[]; batch: boolean } | undefined;

/** What one operation costs in the cost model, and the renderings it asks for. */
export interface Costing {
  complexity: number;
  /** Renderings through single fields (personalize, renderAll), over all aliases. */
  renders: number;
  /** Renderings through batch fields (personalizeMany), over all aliases. */
  batchRenders: number;
}

interface FieldUse {
  field: GraphQLField<unknown, unknown>;
  node: FieldNode;
}

/** An operation whose cost follows from its document and the channels its rendering fields render. */
interface CostShape {
  variableDefinitions: readonly VariableDefinitionNode[];
  renderingFields: FieldUse[];
  /** The other fields with a variable in their arguments: those are checked on every request, as costing anew would. */
  fieldsWithVariables: FieldUse[];
  /** What the entry keeps: its AST nodes hold the document's source and tokens. */
  bytes: number;
}

/** Bytes the caches may keep: a shape keeps its document, a costing its key. */
const MAX_SHAPE_BYTES = 8 * 1024 * 1024;
const MAX_COSTING_BYTES = 1024 * 1024;
const ENTRY_BYTES = 200;

/**
 * The cost model: 1 per field, each rendering its channel's cost (a letter costs as much as fifty
 * tweets), list fields as their own complexity says (a page of `first` items).
 *
 * Channel apps send the same few documents over and over, with other customers in the variables.
 * Costing a document walks all of it (every type a rendered variant may be, for each field); that
 * was 15 % of the hub's CPU for a personalized tweet. Where the cost depends on the variables
 * only through the channels of single rendering fields, it is kept per document and what those
 * channels cost; any other variable that can change it (a page size, a batch, an `@include`) costs
 * the query anew.
 * Both caches are bounded in bytes, whatever clients send: a shape weighs its document's source,
 * a costing its key.
 */
export class QueryCosting {
  /** `false`: the document's cost depends on its variables beyond the channels it renders (or it names no single operation). */
  private readonly shapes = new WeightedLru<string, CostShape | false>(MAX_SHAPE_BYTES, (shape) => (shape ? shape.bytes : ENTRY_BYTES));
  private readonly costings = new WeightedLru<string, Costing & { keyBytes: number }>(MAX_COSTING_BYTES, (costing) => costing.keyBytes);

  constructor(
    private readonly renderedChannels: RenderedChannels,
    private readonly renderCost: (channel: string | undefined) => number,
  ) {}

  /**
   * The costing of `document` (one operation and its fragments, known by `documentKey`) with
   * these variables; throws what graphql-query-complexity throws when it cannot be costed.
   */
  cost(schema: GraphQLSchema, document: DocumentNode, documentKey: string, variables: Record<string, unknown>): Costing {
    const shape = this.shapeOf(schema, document, documentKey);
    const key = shape && this.costKey(schema, documentKey, shape, variables);
    if (!key) return this.costAnew(schema, document, variables);
    const cached = this.costings.get(key);
    if (cached) return { complexity: cached.complexity, renders: cached.renders, batchRenders: cached.batchRenders };
    const costing = this.costAnew(schema, document, variables);
    this.costings.set(key, { ...costing, keyBytes: ENTRY_BYTES + 2 * key.length });
    return costing;
  }

  /**
   * The key of a costing: the document, and each rendering field's number of renderings and their
   * summed cost (all a channel changes; its name could be any length). Undefined when the
   * variables or arguments are refused: costing anew says why, as it would have without a cache.
   */
  private costKey(schema: GraphQLSchema, documentKey: string, shape: CostShape, variables: Record<string, unknown>): string | undefined {
    const { coerced } = getVariableValues(schema, shape.variableDefinitions, variables);
    if (!coerced) return undefined;
    try {
      shape.fieldsWithVariables.forEach(({ field, node }) => getArgumentValues(field, node, coerced));
      const renderings = shape.renderingFields.map(({ field, node }) => {
        const channels = this.renderedChannels(field.name, getArgumentValues(field, node, coerced))?.channels ?? [];
        return `${channels.length}:${this.costOf(channels)}`;
      });
      return `${documentKey}\u0000${renderings.join(',')}`;
    } catch {
      return undefined;
    }
  }

  private costAnew(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): Costing {
    let renders = 0;
    let batchRenders = 0;
    const renderEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
      const rendered = this.renderedChannels(field.name, args);
      if (!rendered) return undefined;
      if (rendered.batch) batchRenders += rendered.channels.length;
      else renders += rendered.channels.length;
      return this.costOf(rendered.channels) + childComplexity;
    };
    const complexity = getComplexity({ schema, query: document, variables, estimators: [renderEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })] });
    return { complexity, renders, batchRenders };
  }

  private costOf(channels: (string | undefined)[]): number {
    return channels.reduce((sum, channel) => sum + this.renderCost(channel), 0);
  }

  private shapeOf(schema: GraphQLSchema, document: DocumentNode, documentKey: string): CostShape | false {
    let shape = this.shapes.get(documentKey);
    if (shape === undefined) {
      shape = costShape(schema, document, this.renderedChannels);
      this.shapes.set(documentKey, shape);
    }
    return shape;
  }
}

function costShape(schema: GraphQLSchema, document: DocumentNode, renderedChannels: RenderedChannels): CostShape | false {
  const operation = getOperationAST(document);
  if (!operation) return false;
  const renderingFields: FieldUse[] = [];
  const fieldsWithVariables: FieldUse[] = [];
  let followsOtherVariables = false;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Directive(node) {
        if (holdsVariable(node)) followsOtherVariables = true;
      },
      Field(node) {
        const field = typeInfo.getFieldDef();
        if (!field) return;
        const rendered = renderedChannels(field.name, {});
        if (rendered && !rendered.batch) renderingFields.push({ field, node });
        else if (!node.arguments?.some(holdsVariable)) return;
        else if (rendered || field.extensions.complexity) followsOtherVariables = true;
        else fieldsWithVariables.push({ field, node });
      },
    }),
  );
  return !followsOtherVariables && { variableDefinitions: operation.variableDefinitions ?? [], renderingFields, fieldsWithVariables, bytes: ENTRY_BYTES + 2 * ((document.loc ?? document.definitions[0]?.loc)?.source.body.length ?? 0) };
}

function holdsVariable(node: ASTNode): boolean {
  let found = false;
  visit(node, {
    Variable() {
      found = true;
      return BREAK;
    },
  });
  return found;
}
