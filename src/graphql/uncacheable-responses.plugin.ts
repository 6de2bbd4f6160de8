import { ApolloServerPlugin } from '@apollo/server';

/**
 * Every GraphQL answer is personal or may change at once, so none may be stored by a cache on the
 * way (`cache-control: no-store`). Apollo's cache-control plugin would say the same, since the
 * schema sets no cache hints, but it does so by wrapping every field's resolver on every request.
 */
export function uncacheableResponsesPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
