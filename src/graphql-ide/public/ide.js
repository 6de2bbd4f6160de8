// Every request needs a key: the headers editor starts with the Authorization header to fill in.
(function () {
  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql' });
  var root = ReactDOM.createRoot(document.getElementById('ide'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultHeaders: JSON.stringify({ Authorization: 'Bearer <your key>' }, null, 2),
      shouldPersistHeaders: true,
      isHeadersEditorEnabled: true,
      defaultQuery: '# Put your key in the Headers tab below, then run:\n{\n  me { name role }\n  channels { key description }\n  contentItems(first: 5) { totalCount edges { node { id slug locale status } } }\n}\n',
    }),
  );
})();
