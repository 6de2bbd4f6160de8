import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { execute, ExecutionResult, GraphQLError, GraphQLSchema, printSchema } from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { WeightedLru } from '../common/cache/weighted-lru';

type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewaySchemaLoadOrUpdateCallback = Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

/** Compiled documents kept per instance; channel apps send a handful of documents over and over. */
const MAX_COMPILED_DOCUMENTS = 500;

/**
 * Executes queries as compiled JavaScript (graphql-jit) instead of walking the document on every
 * request, through the executor hook Apollo Server offers gateways. Parsing, validation, plugins
 * and error formatting stay Apollo's. graphql-js still runs what is not a plain query (mutations,
 * which must run one field after another) and what the compiler refuses; and where the compiled
 * query refuses the variables, graphql-js answers instead, so clients get its exact messages.
 */
export class CompiledExecution implements GatewayInterface {
  /** `false`: graphql-jit refused the document, so graphql-js runs it every time. */
  private readonly compiled = new WeightedLru<string, CompiledQuery | false>(MAX_COMPILED_DOCUMENTS);
  private readonly listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();

  /** `schema` is called when Apollo starts: the schema Nest built, typed content included. */
  constructor(private readonly schema: () => GraphQLSchema) {}

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  async load(): Promise<{ executor: GatewayExecutor }> {
    const schema = this.schema();
    const sdl = printSchema(schema);
    this.listeners.forEach((listener) => listener({ apiSchema: schema, coreSupergraphSdl: sdl }));
    return { executor: (request) => this.execute(schema, request) };
  }

  async stop(): Promise<void> {
    this.listeners.clear();
  }

  private async execute(schema: GraphQLSchema, request: Parameters<GatewayExecutor>[0]): Promise<ExecutionResult> {
    const variables = request.request.variables ?? {};
    const viaGraphqlJs = () => execute({ schema, document: request.document, contextValue: request.context, variableValues: variables, operationName: request.operationName });
    if (request.operation.operation !== 'query') return viaGraphqlJs();
    const compiled = this.compiledFor(schema, request);
    if (!compiled) return viaGraphqlJs();
    const result = await compiled.query(undefined, request.context, variables);
    // No data at all means the variables were refused before any resolver ran.
    if (result.data === undefined && result.errors) return viaGraphqlJs();
    return result.errors ? { ...result, errors: result.errors.map(withExtensions) } : result;
  }

  private compiledFor(schema: GraphQLSchema, request: Parameters<GatewayExecutor>[0]): CompiledQuery | false {
    const key = `${request.queryHash}:${request.operationName ?? ''}`;
    let compiled = this.compiled.get(key);
    if (compiled === undefined) {
      const outcome = compileQuery(schema, request.document, request.operationName ?? undefined);
      compiled = isCompiledQuery(outcome) && outcome;
      this.compiled.set(key, compiled);
    }
    return compiled;
  }
}

/**
 * graphql-jit's errors leave `extensions` unset (and read-only) where graphql-js sets it from the
 * original error; Apollo and the error formatting read it. The same error, as graphql-js makes it.
 */
function withExtensions(error: GraphQLError): GraphQLError {
  if (error.extensions) return error;
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined });
  return Object.defineProperty(rebuilt, 'locations', { value: error.locations, enumerable: true });
}
