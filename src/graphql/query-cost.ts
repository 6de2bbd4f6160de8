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

/** The rendering fields of an operation whose cost follows from its document and the channels those fields render. */
interface CostShape {
  renderingFields: { field: GraphQLField<unknown, unknown>; node: FieldNode }[];
}

const MAX_SHAPES = 500;
const MAX_COSTINGS = 2_000;

/**
 * The cost model: 1 per field, each rendering its channel's cost (a letter costs as much as fifty
 * tweets), list fields as their own complexity says (a page of `first` items).
 *
 * Channel apps send the same few documents over and over, with other customers in the variables.
 * Costing a document walks all of it (every type a rendered variant may be, for each field); that
 * was 15 % of the hub's CPU for a personalized tweet. Where the cost depends on the variables
 * only through the channels of single rendering fields, it is kept per document and channels; any
 * other variable that can change it (a page size, a batch, an `@include`) costs the query anew.
 */
export class QueryCosting {
  /** `false`: the document's cost depends on its variables beyond the channels it renders. */
  private readonly shapes = new WeightedLru<string, CostShape | false>(MAX_SHAPES);
  private readonly costings = new WeightedLru<string, Costing>(MAX_COSTINGS);

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
    const key = shape && costKey(schema, document, documentKey, shape, variables, this.renderedChannels);
    if (!key) return this.costAnew(schema, document, variables);
    let costing = this.costings.get(key);
    if (!costing) {
      costing = this.costAnew(schema, document, variables);
      this.costings.set(key, costing);
    }
    return costing;
  }

  private costAnew(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): Costing {
    let renders = 0;
    let batchRenders = 0;
    const renderEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
      const rendered = this.renderedChannels(field.name, args);
      if (!rendered) return undefined;
      if (rendered.batch) batchRenders += rendered.channels.length;
      else renders += rendered.channels.length;
      return rendered.channels.reduce((sum, channel) => sum + this.renderCost(channel), 0) + childComplexity;
    };
    const complexity = getComplexity({ schema, query: document, variables, estimators: [renderEstimator, fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })] });
    return { complexity, renders, batchRenders };
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
  const renderingFields: CostShape['renderingFields'] = [];
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
        else if ((rendered || field.extensions.complexity) && node.arguments?.some(holdsVariable)) followsOtherVariables = true;
      },
    }),
  );
  return !followsOtherVariables && { renderingFields };
}

/** The key of a costing: the document and the channels each rendering field renders; undefined when the variables are refused (costing anew reports why). */
function costKey(
  schema: GraphQLSchema,
  document: DocumentNode,
  documentKey: string,
  shape: CostShape,
  variables: Record<string, unknown>,
  renderedChannels: RenderedChannels,
): string | undefined {
  const operation = getOperationAST(document);
  if (!operation) return undefined;
  const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (!coerced) return undefined;
  try {
    const channels = shape.renderingFields.map(({ field, node }) => renderedChannels(field.name, getArgumentValues(field, node, coerced))?.channels);
    return `${documentKey}\u0000${JSON.stringify(channels)}`;
  } catch {
    return undefined;
  }
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
