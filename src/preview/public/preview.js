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
    ['login', 'list', 'item', 'kpis', 'calendar', 'runs'].forEach(function (id) { $(id).hidden = id !== section; });
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
    if (match) openItem(match[1]);
    else if (location.pathname === '/preview/kpis') openKpis();
    else if (location.pathname === '/preview/calendar') openCalendar();
    else if (location.pathname === '/preview/runs') openRuns();
    else openList();
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
    gql('query($id: ID!) { contentItem(id: $id) { id slug locale status version publishedVersion hasDraft } revisions(itemId: $id) { revision change createdAt } }', { id: id })
      .then(function (data) {
        state.item = data.contentItem;
        state.revisions = data.revisions;
        $('item-title').textContent = data.contentItem.slug + ' (' + data.contentItem.locale + ')';
        $('item-status').textContent = data.contentItem.status + (data.contentItem.hasDraft ? ' · draft pending' : '');
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
    // A published item with a pending draft shows the draft beside what customers receive now.
    var live = state.item.hasDraft && !$('c-revision').value ? state.item.publishedVersion : null;
    var compare = $('c-revision').value ? Number($('c-revision').value) : live;
    var requests = [gql(query, { itemId: state.item.id, context: customer })];
    if (compare) requests.push(gql(query, { itemId: state.item.id, context: customer, revision: compare }));
    Promise.all(requests).then(function (results) {
      if (sequence !== state.renderSequence) return;
      var columns = $('columns');
      columns.textContent = '';
      columns.className = 'columns' + (compare ? ' compare' : '');
      columns.appendChild(column((live ? 'Draft' : 'Current') + ' (revision ' + state.item.version + ')', results[0].renderAll));
      if (compare) columns.appendChild(column(live ? 'Live (revision ' + live + ')' : 'Revision ' + compare, results[1].renderAll));
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

  // KPI view: a theme's channels side by side and its experiments' arms, drawn as inline SVG from the kpis and experiments queries.
  var SVG = 'http://www.w3.org/2000/svg';
  var KPI_COUNTS = ['delivered', 'opened', 'clicked', 'converted', 'responded', 'unsubscribed', 'bounced'];
  var KPI_RATES = [['openRate', 'open'], ['clickRate', 'click-through'], ['conversionRate', 'conversion'], ['responseRate', 'response'], ['unsubscribeRate', 'unsubscribe']];

  function svg(tag, attributes, children) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function percent(rate) { return rate === null || rate === undefined ? '–' : (rate * 100).toFixed(1) + ' %'; }

  function openKpis(event) {
    if (event) event.preventDefault();
    show('kpis');
    var params = new URLSearchParams(location.search);
    if (!event && params.get('theme')) $('k-theme').value = params.get('theme');
    var theme = $('k-theme').value.trim();
    var to = new Date(Math.ceil(Date.now() / 3600000) * 3600000);
    var from = new Date(to.getTime() - Number($('k-days').value) * 86400000);
    var filter = { theme: theme, from: from.toISOString(), to: to.toISOString() };
    var rowFields = 'key { channel day arm experiment } ' + KPI_COUNTS.join(' ') + ' value ' + KPI_RATES.map(function (rate) { return rate[0]; }).join(' ');
    $('kpi-error').textContent = '';
    gql('query($filter: KpiFilter) { channels: kpis(filter: $filter, groupBy: [CHANNEL]) { ' + rowFields + ' } days: kpis(filter: $filter, groupBy: [CHANNEL, DAY]) { key { channel day } delivered converted } ' +
      'experiments { key status goal winner verdict minSamplePerArm arms { arm exposures conversions rate uplift upliftLow upliftHigh pValue probabilityBest } } }', { filter: filter })
      .then(function (data) {
        $('kpi-channels').replaceChildren(channelTable(data.channels), rateChart(data.channels), dailyChart(data.days, from, to));
        var experiments = data.experiments.filter(function (experiment) { return experiment.arms.some(function (arm) { return arm.exposures > 0; }); });
        $('kpi-experiments').replaceChildren.apply($('kpi-experiments'), experiments.length ? experiments.map(experimentCard) : [el('p', { className: 'muted', text: 'No experiment has exposures yet.' })]);
      })
      .catch(function (error) { $('kpi-error').textContent = error.message; });
  }

  function channelTable(rows) {
    if (!rows.length) return el('p', { className: 'muted', text: 'No touchpoints for this theme in this period.' });
    var head = el('tr', {}, [el('th', { text: 'Channel' })].concat(KPI_COUNTS.map(function (name) { return el('th', { text: name }); }), [el('th', { text: 'value' })], KPI_RATES.map(function (rate) { return el('th', { text: rate[1] }); })));
    var body = rows.map(function (row) {
      return el('tr', {}, [el('th', { text: row.key.channel })].concat(
        KPI_COUNTS.map(function (name) { return el('td', { text: String(row[name]) }); }),
        [el('td', { text: row.value.toFixed(2) })],
        KPI_RATES.map(function (rate) { return el('td', { text: percent(row[rate[0]]) }); })));
    });
    return el('table', { className: 'kpi-table', 'aria-label': 'KPIs per channel' }, [el('thead', {}, [head]), el('tbody', {}, body)]);
  }

  // Open, click-through and conversion rate per channel as grouped horizontal bars.
  function rateChart(rows) {
    var shown = KPI_RATES.slice(0, 3);
    var max = Math.max.apply(null, [0.01].concat(rows.map(function (row) { return Math.max.apply(null, shown.map(function (rate) { return row[rate[0]] || 0; })); })));
    var rowHeight = 14 * shown.length + 10;
    var chart = svg('svg', { viewBox: '0 0 640 ' + (rows.length * rowHeight + 20), role: 'img', 'aria-label': 'Rates per channel', class: 'kpi-chart rates' });
    rows.forEach(function (row, index) {
      var top = 10 + index * rowHeight;
      chart.appendChild(svg('text', { x: 0, y: top + 14, class: 'label', text: row.key.channel }));
      shown.forEach(function (rate, rateIndex) {
        var width = ((row[rate[0]] || 0) / max) * 420;
        chart.appendChild(svg('rect', { x: 90, y: top + rateIndex * 14, width: width.toFixed(1), height: 11, class: 'bar bar-' + rateIndex }, [svg('title', { text: row.key.channel + ' ' + rate[1] + ': ' + percent(row[rate[0]]) })]));
        chart.appendChild(svg('text', { x: 96 + width, y: top + rateIndex * 14 + 9, class: 'value', text: rate[1] + ' ' + percent(row[rate[0]]) }));
      });
    });
    return chart;
  }

  // Deliveries per day, one line per channel.
  function dailyChart(rows, from, to) {
    var days = Math.max(1, Math.round((to - from) / 86400000));
    var start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    var channels = Array.from(new Set(rows.map(function (row) { return row.key.channel; })));
    var max = Math.max.apply(null, [1].concat(rows.map(function (row) { return row.delivered; })));
    var chart = svg('svg', { viewBox: '0 0 640 180', role: 'img', 'aria-label': 'Deliveries per day and channel', class: 'kpi-chart daily' });
    chart.appendChild(svg('line', { x1: 40, y1: 150, x2: 630, y2: 150, class: 'axis' }));
    chart.appendChild(svg('text', { x: 0, y: 20, class: 'label', text: String(max) }));
    chart.appendChild(svg('text', { x: 0, y: 150, class: 'label', text: '0' }));
    channels.forEach(function (channel, index) {
      var points = rows.filter(function (row) { return row.key.channel === channel; }).map(function (row) {
        var x = 40 + ((new Date(row.key.day).getTime() - start) / 86400000 / days) * 590;
        return x.toFixed(1) + ',' + (150 - (row.delivered / max) * 130).toFixed(1);
      });
      chart.appendChild(svg('polyline', { points: points.join(' '), class: 'line line-' + (index % 6) }, [svg('title', { text: channel })]));
      chart.appendChild(svg('text', { x: 40 + index * 95, y: 172, class: 'legend line-' + (index % 6), text: '— ' + channel }));
    });
    return chart;
  }

  function experimentCard(experiment) {
    var head = el('h3', {}, [el('span', { text: experiment.key + ' (goal ' + experiment.goal.toLowerCase() + ')' }), el('span', { className: 'badge ' + (experiment.winner ? 'PUBLISHED' : ''), text: experiment.status === 'CONCLUDED' ? 'concluded: ' + experiment.winner : experiment.winner ? 'winner: ' + experiment.winner : 'no winner yet' })]);
    var table = el('table', { className: 'kpi-table', 'aria-label': 'Arms of ' + experiment.key }, [
      el('thead', {}, [el('tr', {}, ['arm', 'exposures', 'conversions', 'rate', 'uplift', '95 % interval', 'p-value', 'P(best)'].map(function (name) { return el('th', { text: name }); }))]),
      el('tbody', {}, experiment.arms.map(function (arm) {
        return el('tr', {}, [arm.arm, String(arm.exposures), String(arm.conversions), percent(arm.rate), percent(arm.uplift),
          arm.upliftLow === null ? '–' : percent(arm.upliftLow) + ' … ' + percent(arm.upliftHigh), arm.pValue === null ? '–' : arm.pValue.toFixed(4), percent(arm.probabilityBest)].map(function (text) { return el('td', { text: text }); }));
      })),
    ]);
    return el('article', { className: 'card experiment' }, [head, table, intervalChart(experiment), el('p', { className: 'verdict', text: experiment.verdict })]);
  }

  // Each arm's uplift against the control with its 95 % confidence interval, around a zero line.
  function intervalChart(experiment) {
    var compared = experiment.arms.filter(function (arm) { return arm.upliftLow !== null; });
    var extent = Math.max.apply(null, [0.1].concat(compared.map(function (arm) { return Math.max(Math.abs(arm.upliftLow), Math.abs(arm.upliftHigh)); })));
    var x = function (uplift) { return (320 + (uplift / extent) * 280).toFixed(1); };
    var chart = svg('svg', { viewBox: '0 0 640 ' + (30 + compared.length * 26), role: 'img', 'aria-label': 'Uplift against ' + (experiment.arms[0] ? experiment.arms[0].arm : 'the control') + ' with 95 % intervals', class: 'kpi-chart interval' });
    chart.appendChild(svg('line', { x1: 320, y1: 0, x2: 320, y2: 30 + compared.length * 26, class: 'axis' }));
    chart.appendChild(svg('text', { x: 324, y: 12, class: 'label', text: '0 % (' + (experiment.arms[0] ? experiment.arms[0].arm : 'control') + ')' }));
    compared.forEach(function (arm, index) {
      var y = 30 + index * 26;
      chart.appendChild(svg('text', { x: 0, y: y + 4, class: 'label', text: arm.arm }));
      chart.appendChild(svg('line', { x1: x(arm.upliftLow), y1: y, x2: x(arm.upliftHigh), y2: y, class: 'interval' + (arm.upliftLow > 0 || arm.upliftHigh < 0 ? ' significant' : '') }, [svg('title', { text: arm.arm + ': ' + percent(arm.upliftLow) + ' … ' + percent(arm.upliftHigh) })]));
      chart.appendChild(svg('circle', { cx: x(arm.uplift), cy: y, r: 5, class: 'estimate' }));
    });
    return chart;
  }

  // The calendar: a week (Monday first) or the weeks of a month, each day listing what is live or
  // scheduled and marking days with conflicts; UTC days, as the hub counts them.
  var WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

  function isoDay(date) { return date.toISOString().slice(0, 10); }

  function calendarPeriod() {
    var chosen = new Date($('cal-date').value + 'T00:00:00Z');
    var first = $('cal-view').value === 'month' ? new Date(Date.UTC(chosen.getUTCFullYear(), chosen.getUTCMonth(), 1)) : chosen;
    var start = new Date(first.getTime() - ((first.getUTCDay() + 6) % 7) * 86400000);
    var weeks = 1;
    if ($('cal-view').value === 'month') {
      var last = new Date(Date.UTC(chosen.getUTCFullYear(), chosen.getUTCMonth() + 1, 1) - 86400000);
      weeks = Math.ceil(((last.getTime() - start.getTime()) / 86400000 + 1) / 7);
    }
    return { from: start, to: new Date(start.getTime() + weeks * 7 * 86400000), month: $('cal-view').value === 'month' ? chosen.getUTCMonth() : null };
  }

  function fillCalendarSelects() {
    if ($('cal-channel').options.length > 1) return;
    state.channels.forEach(function (channel) { $('cal-channel').appendChild(el('option', { value: channel.key, text: channel.key })); });
    state.personas.forEach(function (persona) { $('cal-persona').appendChild(el('option', { value: persona.key, text: persona.name })); });
  }

  function openCalendar(event) {
    if (event) event.preventDefault();
    show('calendar');
    fillCalendarSelects();
    var params = new URLSearchParams(location.search);
    if (!event) {
      if (params.get('view')) $('cal-view').value = params.get('view');
      if (params.get('theme')) $('cal-theme').value = params.get('theme');
      $('cal-date').value = params.get('date') || $('cal-date').value || isoDay(new Date());
    }
    var period = calendarPeriod();
    var filter = {};
    [['theme', 'cal-theme'], ['channel', 'cal-channel'], ['persona', 'cal-persona'], ['locale', 'cal-locale']].forEach(function (pair) { if ($(pair[1]).value.trim()) filter[pair[0]] = $(pair[1]).value.trim(); });
    $('calendar-error').textContent = '';
    gql('query($from: DateTime!, $to: DateTime!, $filter: CalendarFilterInput) { calendar(from: $from, to: $to, filter: $filter) { day entries { itemId slug theme locale channels personaTags status scheduled } runs { runId name channel state total } conflicts { day reason itemIds } } }',
      { from: period.from.toISOString(), to: period.to.toISOString(), filter: filter })
      .then(function (data) {
        $('calendar-grid').replaceChildren(calendarGrid(data.calendar, period));
        var conflicts = data.calendar.reduce(function (all, day) { return all.concat(day.conflicts); }, []);
        $('calendar-conflicts').replaceChildren.apply($('calendar-conflicts'), conflicts.length ? conflicts.map(function (conflict) { return el('li', { text: conflict.day + ': ' + conflict.reason }); }) : [el('li', { className: 'muted', text: 'No conflicts in this period.' })]);
      })
      .catch(function (error) { $('calendar-error').textContent = error.message; });
  }

  function calendarGrid(days, period) {
    var head = el('tr', {}, WEEKDAYS.map(function (name) { return el('th', { scope: 'col', text: name }); }));
    var rows = [];
    for (var index = 0; index < days.length; index += 7) {
      rows.push(el('tr', {}, days.slice(index, index + 7).map(function (day) { return calendarCell(day, period); })));
    }
    var label = $('cal-view').value === 'month' ? 'Month of ' + $('cal-date').value.slice(0, 7) : 'Week of ' + isoDay(period.from);
    return el('table', { className: 'calendar ' + $('cal-view').value, 'aria-label': label }, [el('thead', {}, [head]), el('tbody', {}, rows)]);
  }

  function calendarCell(day, period) {
    var outside = period.month !== null && new Date(day.day + 'T00:00:00Z').getUTCMonth() !== period.month;
    var cell = el('td', { 'data-day': day.day, className: (outside ? 'outside ' : '') + (day.conflicts.length ? 'has-conflict' : '') }, [
      el('div', { className: 'date', text: day.day.slice(8) + (day.conflicts.length ? ' ⚠ ' + day.conflicts.length : '') }),
    ]);
    if (day.conflicts.length) cell.setAttribute('title', day.conflicts.map(function (conflict) { return conflict.reason; }).join('\n'));
    day.entries.forEach(function (entry) {
      var link = el('a', { href: '/preview/items/' + entry.itemId, className: 'entry' + (entry.scheduled ? ' scheduled' : '') }, [
        el('span', { className: 'slug', text: entry.slug + ' (' + entry.locale + ')' }),
        el('span', { className: 'channels', text: entry.channels.join(' · ') }),
        el('span', { className: 'audience', text: entry.personaTags.length ? entry.personaTags.join(', ') : 'everyone' }),
        entry.scheduled ? el('span', { className: 'badge DRAFT', text: 'scheduled' }) : null,
      ]);
      link.addEventListener('click', function (clickEvent) { clickEvent.preventDefault(); history.pushState({}, '', link.getAttribute('href')); route(); });
      cell.appendChild(link);
    });
    day.runs.forEach(function (run) {
      cell.appendChild(el('div', { className: 'run', text: 'Run ' + run.name + ' · ' + run.channel + ' · ' + run.total + ' · ' + run.state }));
    });
    return cell;
  }

  function shiftCalendar(direction) {
    var chosen = new Date($('cal-date').value + 'T00:00:00Z');
    if ($('cal-view').value === 'month') chosen = new Date(Date.UTC(chosen.getUTCFullYear(), chosen.getUTCMonth() + direction, 1));
    else chosen = new Date(chosen.getTime() + direction * 7 * 86400000);
    $('cal-date').value = isoDay(chosen);
    openCalendar({ preventDefault: function () {} });
  }

  // Campaign runs with a live progress bar: polled every second while the page shows them.
  var runsTimer = null;

  function openRuns() {
    show('runs');
    clearTimeout(runsTimer);
    gql('{ campaignRuns(first: 20) { id name channel state total done skipped failed ratePerSecond etaSeconds } }')
      .then(function (data) {
        $('runs-error').textContent = '';
        $('runs-body').replaceChildren.apply($('runs-body'), data.campaignRuns.length ? data.campaignRuns.map(runRow) : [el('tr', {}, [el('td', { colspan: '9', className: 'muted', text: 'No campaign runs yet.' })])]);
        if (!$('runs').hidden) runsTimer = setTimeout(openRuns, 1000);
      })
      .catch(function (error) { $('runs-error').textContent = error.message; });
  }

  function runRow(run) {
    var handled = run.done + run.skipped + run.failed;
    var share = run.total ? Math.round((handled / run.total) * 100) : 0;
    var bar = el('progress', { max: String(run.total || 1), value: String(handled), 'aria-label': 'Progress of ' + run.name }, []);
    return el('tr', { 'data-run': run.id }, [
      el('th', { text: run.name }),
      el('td', { text: run.channel }),
      el('td', {}, [el('span', { className: 'badge ' + run.state, text: run.state })]),
      el('td', { className: 'progress' }, [bar, el('span', { className: 'share', text: share + ' %' })]),
      el('td', { text: String(run.done) }),
      el('td', { text: String(run.skipped) }),
      el('td', { text: String(run.failed) }),
      el('td', { text: run.ratePerSecond.toFixed(1) }),
      el('td', { text: run.etaSeconds === null ? '–' : run.etaSeconds + ' s' }),
    ]);
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('nav-runs').addEventListener('click', function (event) { event.preventDefault(); history.pushState({}, '', '/preview/runs'); route(); });
    $('kpi-form').addEventListener('submit', openKpis);
    $('calendar-form').addEventListener('submit', openCalendar);
    $('cal-previous').addEventListener('click', function () { shiftCalendar(-1); });
    $('cal-next').addEventListener('click', function () { shiftCalendar(1); });
    $('nav-calendar').addEventListener('click', function (event) { event.preventDefault(); history.pushState({}, '', '/preview/calendar'); route(); });
    $('nav-kpis').addEventListener('click', function (event) { event.preventDefault(); history.pushState({}, '', '/preview/kpis'); route(); });
    $('nav-messages').addEventListener('click', function (event) { event.preventDefault(); history.pushState({}, '', '/preview'); route(); });
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
