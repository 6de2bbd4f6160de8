import { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, GraphQLError, visit } from 'graphql';
import { rememberPerObject } from '../common/cache/remember-per-object';
import { PRINCIPAL_KEY } from '../modules/auth/current-principal.decorator';
import { Principal } from '../modules/auth/principal';
import { Role } from '../modules/auth/role.enum';

/**
 * DELIVERY keys ship inside apps, so anyone may extract one: they get no map of the API
 * (`__schema`, `__type`). Editors' and developers' keys keep introspection for the IDE.
 */
export function introspectionPolicyPlugin(): ApolloServerPlugin<{ req: Record<string, unknown> }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          const principal = contextValue.req[PRINCIPAL_KEY] as Principal | undefined;
          if (principal?.role !== Role.DELIVERY) return;
          if (introspects(document)) {
            throw new GraphQLError('A DELIVERY key may not introspect the schema; use an EDITOR, PREVIEW or ADMIN key in the IDE', { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
          }
        },
      };
    },
  };
}

/** Apollo hands the same parsed document to every request with the same text, so each is looked at once. */
const introspects = rememberPerObject((document: DocumentNode) => {
  let found = false;
  visit(document, { Field: (node) => void (found ||= node.name.value === '__schema' || node.name.value === '__type') });
  return found;
});
