// The key is pasted once into the bar above GraphiQL and kept in sessionStorage (shared with the
// preview page, never in the URL); every request, the schema introspection included, carries it.
(function () {
  var KEY_STORAGE = 'facet.previewKey';
  var form = document.getElementById('key-form');
  var input = document.getElementById('key');
  var status = document.getElementById('key-status');
  var hint = document.getElementById('key-hint');
  var forget = document.getElementById('forget-key');
  var root = ReactDOM.createRoot(document.getElementById('ide'));
  var mounts = 0;

  function withKey(url, init) {
    var headers = new Headers((init && init.headers) || {});
    var key = sessionStorage.getItem(KEY_STORAGE);
    if (key && !headers.has('Authorization')) headers.set('Authorization', 'Bearer ' + key);
    return window.fetch(url, Object.assign({}, init, { headers: headers }));
  }

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }

  function showIde() {
    var fetcher = GraphiQL.createFetcher({ url: window.location.origin + '/graphql', fetch: withKey });
    hint.hidden = true;
    forget.hidden = false;
    // A new React key remounts GraphiQL, so the schema is fetched again with the new API key.
    mounts += 1;
    root.render(
      React.createElement(GraphiQL, {
        key: 'ide-' + mounts,
        fetcher: fetcher,
        isHeadersEditorEnabled: true,
        defaultQuery: '{\n  me { name role }\n  channels { key description }\n  contentItems(first: 5) { totalCount edges { node { id slug locale status } } }\n}\n',
      }),
    );
  }

  function hideIde() {
    root.render(null);
    hint.hidden = false;
    forget.hidden = true;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var key = input.value.trim();
    if (!key) return say('Paste a key first.', true);
    say('Checking the key…');
    window
      .fetch('/graphql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + key },
        body: JSON.stringify({ query: '{ me { name role } }' }),
      })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (!body.data || !body.data.me) {
          var message = body.errors && body.errors[0] ? body.errors[0].message : 'the hub did not accept it';
          return say('That key was refused: ' + message, true);
        }
        sessionStorage.setItem(KEY_STORAGE, key);
        input.value = '';
        say('Signed in as ' + body.data.me.name + ' (' + body.data.me.role + ')');
        showIde();
      })
      .catch(function () { say('The hub did not answer; is it running?', true); });
  });

  forget.addEventListener('click', function () {
    sessionStorage.removeItem(KEY_STORAGE);
    say('');
    hideIde();
  });

  if (sessionStorage.getItem(KEY_STORAGE)) {
    say('Using the key kept for this tab');
    showIde();
  }
})();
