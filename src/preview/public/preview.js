// The editor preview: one message as every channel renders it, through the same GraphQL API that
// channel apps use. API data only ever reaches the page as text (textContent); rendered email and
// letter HTML is shown in sandboxed frames that may run no script.
(function () {
  'use strict';

  var KEY_STORAGE = 'facet.previewKey';
  var SAMPLE_CUSTOMERS = {
    FORMAL: { title: 'heer', firstName: 'Jan', lastName: 'De Vries', age: 67, address: { lines: ['Keizersgracht 1'], postalCode: '1015 CJ', city: 'Amsterdam', country: 'NL' } },
    INFORMAL: { firstName: 'Sanne', lastName: 'Jansen', age: 34, interests: ['running'], address: { lines: ['Veldstraat 10'], postalCode: '9000', city: 'Gent', country: 'BE' } },
  };
  var COMMON_FIELDS =
    '__typename channel itemId itemVersion locale variantId text warnings metrics { name value limit } ' +
    'explanation { personas personaMatches { persona via } locale localeFallback experiment arm channelReason winnerScore runnerUpScore reason } ';

  var state = { channels: [], variantFields: COMMON_FIELDS, personas: [], item: null, revisions: [], renderTimer: null, renderSequence: 0 };

  function $(id) { return document.getElementById(id); }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attributes[name];
      else if (name === 'className') node.className = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function key() { return sessionStorage.getItem(KEY_STORAGE); }

  function gql(query, variables) {
    return fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + key() },
      body: JSON.stringify({ query: query, variables: variables || {} }),
    }).then(function (response) { return response.json(); }).then(function (body) {
      if (body.errors && body.errors.length) {
        var error = new Error(body.errors[0].message);
        error.code = body.errors[0].extensions && body.errors[0].extensions.code;
        throw error;
      }
      return body.data;
    });
  }

  function show(section) {
    ['login', 'list', 'item'].forEach(function (id) { $(id).hidden = id !== section; });
    $('main').focus();
  }

  function signIn(event) {
    event.preventDefault();
    sessionStorage.setItem(KEY_STORAGE, $('key').value.trim());
    $('key').value = '';
    start();
  }

  function start() {
    if (!key()) { show('login'); return; }
    gql('{ me { name role } personas { key name tone channelPreferences } channels { key graphqlType parts { name } } }').then(function (data) {
      if (data.me.role === 'DELIVERY') throw new Error('A DELIVERY key cannot open the preview; use a PREVIEW, EDITOR or ADMIN key');
      state.personas = data.personas;
      state.channels = data.channels;
      state.variantFields = variantFields(data.channels);
      buildConsents();
      $('who').textContent = data.me.name + ' (' + data.me.role + ')';
      $('logout').hidden = false;
      fillPersonaSelects();
      route();
    }).catch(function (error) {
      sessionStorage.removeItem(KEY_STORAGE);
      show('login');
      $('login-error').textContent = error.message;
    });
  }

  // The channels the hub has, each with the parts it declares: a plugin's channel shows up here too.
  function variantFields(channels) {
    return COMMON_FIELDS + channels.map(function (channel) {
      return channel.graphqlType && channel.parts.length ? '... on ' + channel.graphqlType + ' { ' + channel.parts.map(function (part) { return part.name; }).join(' ') + ' } ' : '';
    }).join('') + '... on GenericVariant { parts }';
  }

  function route() {
    var match = /^\/preview\/items\/([0-9a-f-]{36})$/.exec(location.pathname);
    if (match) openItem(match[1]); else openList();
  }

  function fillPersonaSelects() {
    [$('f-persona'), $('c-persona')].forEach(function (select) {
      while (select.options.length > 1) select.remove(1);
      state.personas.forEach(function (persona) {
        select.appendChild(el('option', { value: persona.key, text: persona.name + ' (' + persona.tone.toLowerCase() + ')' }));
      });
    });
  }

  function openList(event) {
    if (event) event.preventDefault();
    show('list');
    var filter = {};
    if ($('f-search').value) filter.search = $('f-search').value;
    if ($('f-status').value) filter.status = $('f-status').value;
    if ($('f-theme').value) filter.theme = $('f-theme').value;
    if ($('f-persona').value) filter.personaTags = [$('f-persona').value];
    gql('query($filter: ContentItemsFilter) { contentItems(filter: $filter, first: 100) { totalCount edges { node { id slug locale status version metadata { theme personaTags } } } } }', { filter: filter })
      .then(function (data) {
        var list = $('items');
        list.textContent = '';
        data.contentItems.edges.forEach(function (edge) {
          var item = edge.node;
          var link = el('a', { href: '/preview/items/' + item.id }, [
            el('span', { className: 'badge ' + item.status, text: item.status }),
            el('strong', { text: item.slug }),
            el('span', { className: 'muted', text: item.locale + ' · ' + (item.metadata.theme || 'no theme') + ' · v' + item.version }),
          ]);
          link.addEventListener('click', function (clickEvent) { clickEvent.preventDefault(); history.pushState({}, '', link.getAttribute('href')); route(); });
          list.appendChild(el('li', {}, [link]));
        });
        if (!data.contentItems.edges.length) list.appendChild(el('li', { className: 'muted', text: 'No messages match these filters.' }));
      })
      .catch(showListError);
  }

  function showListError(error) { $('items').textContent = error.message; }

  function openItem(id) {
    show('item');
    gql('query($id: ID!) { contentItem(id: $id) { id slug locale status version } revisions(itemId: $id) { revision change createdAt } }', { id: id })
      .then(function (data) {
        state.item = data.contentItem;
        state.revisions = data.revisions;
        $('item-title').textContent = data.contentItem.slug + ' (' + data.contentItem.locale + ')';
        $('item-status').textContent = data.contentItem.status;
        $('item-status').className = 'badge ' + data.contentItem.status;
        $('item-revision').textContent = 'showing revision ' + data.contentItem.version;
        var revisionSelect = $('c-revision');
        while (revisionSelect.options.length > 1) revisionSelect.remove(1);
        data.revisions.slice(1).forEach(function (revision) {
          revisionSelect.appendChild(el('option', { value: String(revision.revision), text: 'revision ' + revision.revision + ' · ' + revision.change }));
        });
        if (!$('c-locale').value) $('c-locale').value = data.contentItem.locale;
        if (!$('c-attributes').value) $('c-attributes').value = JSON.stringify(SAMPLE_CUSTOMERS.INFORMAL, null, 2);
        renderSoon();
      })
      .catch(function (error) { $('columns').textContent = error.message; });
  }

  function buildConsents() {
    var fieldset = $('c-consents');
    fieldset.querySelectorAll('label').forEach(function (label) { label.remove(); });
    state.channels.forEach(function (described) {
      var channel = described.key;
      var input = el('input', { type: 'checkbox', value: channel, id: 'consent-' + channel });
      input.checked = true;
      fieldset.appendChild(el('label', { for: 'consent-' + channel }, [input, document.createTextNode(channel)]));
    });
  }

  function context() {
    var attributes;
    try {
      attributes = JSON.parse($('c-attributes').value || '{}');
    } catch (error) {
      throw new Error('The customer attributes are not valid JSON: ' + error.message);
    }
    var result = {
      customerId: 'preview-' + (attributes.firstName || 'customer'),
      personas: $('c-persona').value ? [$('c-persona').value] : [],
      attributes: attributes,
      locale: $('c-locale').value || undefined,
      consents: Array.prototype.filter.call($('c-consents').querySelectorAll('input'), function (input) { return input.checked; }).map(function (input) { return input.value; }),
    };
    if ($('c-stage').value) result.journeyStage = $('c-stage').value;
    if ($('c-now').value) result.now = new Date($('c-now').value).toISOString();
    return result;
  }

  function choosePersona() {
    var persona = state.personas.find(function (candidate) { return candidate.key === $('c-persona').value; });
    if (persona) $('c-attributes').value = JSON.stringify(SAMPLE_CUSTOMERS[persona.tone], null, 2);
    renderSoon();
  }

  function renderSoon() {
    clearTimeout(state.renderTimer);
    state.renderTimer = setTimeout(render, 150);
  }

  function render() {
    if (!state.item) return;
    var customer;
    try {
      customer = context();
      $('context-error').textContent = '';
    } catch (error) {
      $('context-error').textContent = error.message;
      return;
    }
    var sequence = ++state.renderSequence;
    var query = 'query($itemId: ID!, $context: CustomerContextInput!, $revision: Int) { renderAll(itemId: $itemId, context: $context, preview: true, revision: $revision) { ' + state.variantFields + ' } }';
    var compare = $('c-revision').value ? Number($('c-revision').value) : null;
    var requests = [gql(query, { itemId: state.item.id, context: customer })];
    if (compare) requests.push(gql(query, { itemId: state.item.id, context: customer, revision: compare }));
    Promise.all(requests).then(function (results) {
      if (sequence !== state.renderSequence) return;
      var columns = $('columns');
      columns.textContent = '';
      columns.className = 'columns' + (compare ? ' compare' : '');
      columns.appendChild(column('Current (revision ' + state.item.version + ')', results[0].renderAll));
      if (compare) columns.appendChild(column('Revision ' + compare, results[1].renderAll));
    }).catch(function (error) {
      if (sequence === state.renderSequence) $('context-error').textContent = error.message;
    });
  }

  function column(title, variants) {
    var cards = el('div', { className: 'cards' }, variants.map(card));
    if (!variants.length) cards.appendChild(el('p', { className: 'muted', text: 'The customer consented to none of the channels this message allows.' }));
    return el('section', { className: 'column', 'aria-label': title }, [el('h2', { text: title }), cards]);
  }

  function card(variant) {
    var body = (RENDERERS[variant.channel] || renderGeneric)(variant);
    var heading = el('h3', {}, [el('span', { text: variant.channel + (variant.variantId ? ' · hand-written' : ' · automatic') })]);
    var metric = variant.metrics[0];
    if (metric && metric.limit !== null) {
      heading.appendChild(el('span', { className: 'counter' + (metric.value > metric.limit ? ' over' : ''), text: metric.value + '/' + metric.limit }));
    }
    return el('article', { className: 'card', 'data-channel': variant.channel }, [heading, body, warnings(variant), metrics(variant), explanation(variant)]);
  }

  function renderTweet(variant) {
    return el('div', { className: 'tweet' }, [el('div', { text: variant.text }), variant.imageUrl ? el('img', { src: variant.imageUrl, alt: '' }) : null]);
  }

  function renderEmail(variant) {
    var frame = el('iframe', { className: 'email-frame', sandbox: '', title: 'Email as the customer sees it', referrerpolicy: 'no-referrer' });
    frame.srcdoc = variant.html;
    var plain = el('pre', { className: 'plain', text: variant.text });
    plain.hidden = true;
    var toggle = el('button', { type: 'button', 'aria-expanded': 'false', text: 'Show the plain-text part' });
    toggle.addEventListener('click', function () {
      plain.hidden = !plain.hidden;
      toggle.setAttribute('aria-expanded', String(!plain.hidden));
      toggle.textContent = plain.hidden ? 'Show the plain-text part' : 'Hide the plain-text part';
    });
    return el('div', {}, [
      el('div', { className: 'email-meta' }, [el('strong', { text: 'Subject: ' }), document.createTextNode(variant.subject)]),
      el('div', { className: 'email-meta muted' }, [document.createTextNode('Preheader: ' + variant.preheader)]),
      frame,
      toggle,
      plain,
    ]);
  }

  function renderLetter(variant) {
    var frame = el('iframe', { sandbox: '', title: 'Letter print preview' });
    frame.srcdoc = variant.html;
    var paper = el('div', { className: 'paper' }, [frame, el('div', { className: 'window', title: 'Window-envelope address area' })]);
    requestAnimationFrame(function () {
      frame.style.transform = 'scale(' + paper.clientWidth / frame.offsetWidth + ')';
    });
    var pdf = new Blob([Uint8Array.from(atob(variant.pdfBase64), function (character) { return character.charCodeAt(0); })], { type: 'application/pdf' });
    var link = el('a', { href: URL.createObjectURL(pdf), download: 'letter.pdf', text: 'Download the PDF (' + variant.pageCount + ' page' + (variant.pageCount === 1 ? '' : 's') + ')' });
    return el('div', {}, [paper, link]);
  }

  function renderInApp(variant) {
    return el('div', { className: 'phone', role: 'img', 'aria-label': 'In-app card on a phone' }, [
      variant.imageUrl ? el('img', { src: variant.imageUrl, alt: '' }) : null,
      el('div', { className: 'title', text: variant.title }),
      el('div', { text: variant.body }),
      variant.ctaLabel ? el('span', { className: 'cta', text: variant.ctaLabel + ' → ' + (variant.ctaUrl || '') }) : null,
    ]);
  }

  function renderSms(variant) {
    return el('div', {}, [el('div', { className: 'sms', text: variant.text }), el('p', { className: 'muted', text: variant.segments + ' segment' + (variant.segments === 1 ? '' : 's') + ' · ' + variant.encoding })]);
  }

  // A channel without a drawing of its own: its text, then each declared part by name.
  function renderGeneric(variant) {
    var described = state.channels.filter(function (channel) { return channel.key === variant.channel; })[0];
    var names = described && described.parts.length ? described.parts.map(function (part) { return part.name; }) : Object.keys(variant.parts || {});
    var source = variant.parts || variant;
    var rows = [];
    names.filter(function (name) { return source[name] !== undefined && source[name] !== null; }).forEach(function (name) {
      var value = source[name];
      rows.push(el('dt', { text: name }), el('dd', { text: typeof value === 'string' ? value : JSON.stringify(value) }));
    });
    return el('div', { className: 'generic' }, [el('pre', { className: 'plain', text: variant.text }), rows.length ? el('dl', { className: 'parts' }, rows) : null]);
  }

  var RENDERERS = { tweet: renderTweet, email: renderEmail, letter: renderLetter, inApp: renderInApp, sms: renderSms };

  function warnings(variant) {
    if (!variant.warnings.length) return null;
    return el('ul', { className: 'warnings', 'aria-label': 'Warnings' }, variant.warnings.map(function (warning) { return el('li', { text: warning }); }));
  }

  function metrics(variant) {
    return el('ul', { className: 'metrics', 'aria-label': 'Metrics' }, variant.metrics.map(function (metric) {
      return el('li', { text: metric.name + ': ' + metric.value + (metric.limit !== null ? ' / ' + metric.limit : '') });
    }));
  }

  function explanation(variant) {
    var why = variant.explanation;
    var rows = [
      ['Personas', why.personaMatches.length ? why.personaMatches.map(function (match) { return match.persona + ' (' + match.via + ')'; }).join('; ') : 'none'],
      ['Locale', why.locale + (why.localeFallback ? ' (fallback ' + why.localeFallback + ')' : '')],
      ['Experiment', why.experiment ? why.experiment + ', arm ' + why.arm : 'none'],
      ['Why', why.reason],
    ];
    var list = el('dl', { className: 'explanation' });
    rows.forEach(function (row) { list.appendChild(el('dt', { text: row[0] })); list.appendChild(el('dd', { text: row[1] })); });
    return list;
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('login-form').addEventListener('submit', signIn);
    $('filters').addEventListener('submit', openList);
    $('logout').addEventListener('click', function () { sessionStorage.removeItem(KEY_STORAGE); location.href = '/preview'; });
    $('c-persona').addEventListener('change', choosePersona);
    ['c-locale', 'c-stage', 'c-now', 'c-revision', 'c-attributes'].forEach(function (id) { $(id).addEventListener('input', renderSoon); });
    $('c-consents').addEventListener('change', renderSoon);
    window.addEventListener('popstate', route);
    start();
  });
})();
