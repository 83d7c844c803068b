// Alerts panel, webhook half: subscriptions (create, test, enable/disable, delete; the secret shown once) and
// deliveries (parked ones with a resend button, the recent log). Plain JS, no build step. Everything from the
// server is set with textContent, never parsed as HTML. Every request carries the admin token from the field
// the page already has (#admin-token), kept for the tab in sessionStorage like the rest of the page does.
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var panel = $('webhooks-panel');
  if (!panel) { return; }
  var statusLine = $('webhooks-status');

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function showStatus(text, isError) {
    statusLine.textContent = text || '';
    statusLine.classList.toggle('error', !!isError);
  }

  function token() {
    var t = $('admin-token').value;
    sessionStorage.setItem('backbeat.adminToken', t);
    return t;
  }

  function api(method, url, body) {
    var opts = { method: method, headers: { Accept: 'application/json', Authorization: 'Bearer ' + token() } };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    return fetch(url, opts).then(function (response) {
      if (response.status === 204) { return {}; }
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) { throw new Error(json && json.error ? json.error : 'HTTP ' + response.status); }
        return json;
      });
    });
  }

  function list(text) {
    return text.split(',').map(function (s) { return s.trim(); }).filter(function (s) { return s.length > 0; });
  }

  function button(text, onClick) {
    var b = el('button', text, 'confirm');
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function filtersText(f) {
    var parts = [];
    parts.push(f.ruleIds && f.ruleIds.length ? 'rules ' + f.ruleIds.join(', ') : 'any rule');
    parts.push(f.entities && f.entities.length ? 'entities ' + f.entities.join(', ') : 'any entity');
    parts.push('≥ ' + f.minSeverity);
    return parts.join(' · ');
  }

  function attemptText(a) {
    return '#' + a.number + ' ' + a.at + ' → ' + (a.statusCode === null || a.statusCode === undefined ? 'no answer' : 'HTTP ' + a.statusCode)
      + ' in ' + a.latencyMs + ' ms' + (a.error ? ' (' + a.error + ')' : '');
  }

  // ----- subscriptions

  function loadSubscriptions() {
    var body = $('webhook-subscriptions').querySelector('tbody');
    return api('GET', '/api/alerts/subscriptions').then(function (json) {
      clear(body);
      if (!json.subscriptions.length) {
        var row = el('tr');
        var cell = el('td', 'No subscriptions yet.', 'muted');
        cell.colSpan = 6;
        row.appendChild(cell);
        body.appendChild(row);
      }
      json.subscriptions.forEach(function (s) {
        var row = el('tr');
        row.dataset.id = s.id;
        row.appendChild(el('td', s.name || s.id));
        row.appendChild(el('td', s.url, 'url'));
        row.appendChild(el('td', s.format));
        row.appendChild(el('td', filtersText(s.filter)));
        row.appendChild(el('td', s.enabled ? 'enabled' : 'disabled: ' + (s.disabledReason || ''), s.enabled ? 'ok' : 'error'));
        var actions = el('td');
        actions.appendChild(el('span', 'secret ' + s.secretHint + ' ', 'muted'));
        actions.appendChild(button('Send test', function () { sendTest(s); }));
        actions.appendChild(button(s.enabled ? 'Disable' : 'Enable', function () { setEnabled(s, !s.enabled); }));
        actions.appendChild(button('Delete', function () { remove(s); }));
        row.appendChild(actions);
        body.appendChild(row);
      });
    });
  }

  function create() {
    var request = {
      name: $('webhook-name').value || null,
      url: $('webhook-url').value,
      format: $('webhook-format').value,
      ruleIds: list($('webhook-rules').value),
      entities: list($('webhook-entities').value),
      minSeverity: $('webhook-severity').value,
      enabled: true
    };
    api('POST', '/api/alerts/subscriptions', request).then(function (created) {
      var secret = $('webhook-secret');
      clear(secret);
      secret.appendChild(el('span', 'Subscription ' + created.subscription.id + ' created. Its signing secret, shown only now: '));
      secret.appendChild(el('code', created.secret, 'secret'));
      secret.hidden = false;
      $('webhook-form').reset();
      showStatus('');
      return loadSubscriptions();
    }).catch(function (err) { showStatus(err.message, true); });
  }

  function requestOf(s, enabled) {
    return { name: s.name, url: s.url, format: s.format, ruleIds: s.filter.ruleIds, entities: s.filter.entities,
      minSeverity: s.filter.minSeverity, enabled: enabled };
  }

  function setEnabled(s, enabled) {
    api('PUT', '/api/alerts/subscriptions/' + encodeURIComponent(s.id), requestOf(s, enabled))
      .then(loadSubscriptions).catch(function (err) { showStatus(err.message, true); });
  }

  function remove(s) {
    if (!window.confirm('Delete the subscription ' + (s.name || s.id) + '? Its pending deliveries are cancelled.')) { return; }
    api('DELETE', '/api/alerts/subscriptions/' + encodeURIComponent(s.id))
      .then(loadSubscriptions).catch(function (err) { showStatus(err.message, true); });
  }

  function sendTest(s) {
    showStatus('Sending a test alert to ' + (s.name || s.id) + '…');
    api('POST', '/api/alerts/subscriptions/' + encodeURIComponent(s.id) + '/test').then(function (d) {
      var last = d.attempts[d.attempts.length - 1];
      showStatus('Test alert ' + (d.status === 'DELIVERED' ? 'delivered: ' : 'failed: ') + attemptText(last), d.status !== 'DELIVERED');
      return loadDeliveries();
    }).catch(function (err) { showStatus(err.message, true); });
  }

  // ----- deliveries

  function deliveryItem(d, withResend) {
    var li = el('li', null, 'delivery');
    li.dataset.id = d.id;
    var head = el('div');
    head.appendChild(el('strong', d.status + ' '));
    head.appendChild(el('span', (d.alert.ruleName || d.alert.ruleId) + ' · ' + d.alert.entity + ' · ' + d.alert.windowStart
      + ' → ' + d.subscriptionId + (d.test ? ' (test)' : '')));
    li.appendChild(head);
    if (d.alert.summary) { li.appendChild(el('div', d.alert.summary, 'muted')); }
    li.appendChild(el('div', d.reason, 'hint'));
    var attempts = el('ol', null, 'attempts');
    d.attempts.slice(-5).forEach(function (a) { attempts.appendChild(el('li', attemptText(a))); });
    li.appendChild(attempts);
    if (withResend) {
      li.appendChild(button('Resend', function () {
        api('POST', '/api/alerts/deliveries/' + encodeURIComponent(d.id) + '/resend').then(function () {
          li.appendChild(el('span', ' resent: pending again', 'ok'));
        }).catch(function (err) { li.appendChild(el('span', ' ' + err.message, 'error')); });
      }));
    }
    return li;
  }

  function fill(listId, deliveries, withResend, emptyText) {
    var ul = $(listId);
    clear(ul);
    if (!deliveries.length) { ul.appendChild(el('li', emptyText, 'muted')); }
    deliveries.forEach(function (d) { ul.appendChild(deliveryItem(d, withResend)); });
  }

  function loadDeliveries() {
    return Promise.all([
      api('GET', '/api/alerts/deliveries/parked?limit=50'),
      api('GET', '/api/alerts/deliveries?limit=20')
    ]).then(function (both) {
      fill('webhook-parked', both[0].deliveries, true, 'Nothing parked.');
      fill('webhook-deliveries', both[1].deliveries, false, 'No deliveries yet.');
    });
  }

  function loadAll() {
    if (!$('admin-token').value) {
      showStatus('Enter the admin token above to see webhook subscriptions and deliveries.');
      return;
    }
    showStatus('');
    Promise.all([loadSubscriptions(), loadDeliveries()]).catch(function (err) { showStatus(err.message, true); });
  }

  $('webhook-form').addEventListener('submit', function (e) { e.preventDefault(); });
  $('webhook-create').addEventListener('click', create);
  $('webhooks-load').addEventListener('click', loadAll);
  if (!$('admin-token').value) { $('admin-token').value = sessionStorage.getItem('backbeat.adminToken') || ''; }
  loadAll();
}());
