/*
 * The Alerts panel (rules and history) and the alert markers on the main chart. Kept apart from app.js so the
 * rules, webhooks and chart code can change side by side. Every text from the API (rule names, summaries,
 * driver texts) is set with textContent, never as HTML.
 */
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function getJson(url) {
    return fetch(url).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body && body.error ? body.error : ('HTTP ' + r.status)); }
        return body;
      });
    });
  }

  function selectedEntity() {
    var s = $('entity');
    return s && s.value && s.value !== 'all' ? s.value : null;
  }

  function renderRules(rules) {
    var list = $('alert-rules');
    list.replaceChildren();
    if (!rules.length) { list.appendChild(el('li', 'hint', 'No rules.')); return; }
    rules.forEach(function (r) {
      var li = el('li', 'alert-rule');
      li.appendChild(el('strong', null, r.name));
      var what = r.kind + ' · ' + (r.entities.length ? r.entities.join(', ') : 'each entity')
          + (r.topic ? ' · topic ' + r.topic : '') + ' · window ' + r.window + ' vs ' + r.baseline
          + ' · k ' + (r.k !== null && r.k !== undefined ? r.k : r.sensitivity)
          + ' · ≥ ' + r.minDistinctTexts + ' distinct texts' + (r.enabled ? '' : ' · disabled');
      li.appendChild(el('span', 'hint', ' ' + what));
      list.appendChild(li);
    });
  }

  function renderHistory(alerts) {
    var list = $('alert-history');
    list.replaceChildren();
    if (!alerts.length) { list.appendChild(el('li', 'hint', 'No alerts for this selection.')); return; }
    alerts.forEach(function (a) {
      var li = el('li', 'alert alert-' + String(a.state).toLowerCase());
      li.dataset.alertId = a.id;
      li.appendChild(el('time', null, String(a.firedAt).replace('T', ' ').replace('Z', ' UTC')));
      li.appendChild(el('span', 'alert-state', ' ' + a.state + ' '));
      li.appendChild(el('span', 'alert-summary', a.summary));
      if (a.drivers && a.drivers.length) {
        var drivers = el('ul', 'alert-drivers');
        a.drivers.slice(0, 3).forEach(function (d) {
          drivers.appendChild(el('li', null, d.copies + ' × ' + (d.text || d.textCluster)));
        });
        li.appendChild(drivers);
      }
      list.appendChild(li);
    });
  }

  /** Firing alerts as red triangles on the chart's sentiment axis, near its top; app.js's own series stay as they are. */
  function mark(alerts) {
    var node = $('chart');
    var chart = node && window.echarts ? window.echarts.getInstanceByDom(node) : null;
    if (!chart) { return; }
    var data = alerts.filter(function (a) { return a.state === 'FIRING'; }).map(function (a) {
      return { value: [Date.parse(a.firedAt), 0.95], name: a.summary };
    });
    chart.setOption({
      series: [{ id: 'alert-markers', name: 'Alerts', type: 'scatter', yAxisIndex: 1, symbol: 'triangle',
        symbolSize: 12, itemStyle: { color: '#dc2626' }, z: 10, data: data,
        tooltip: { trigger: 'item', formatter: function (p) { return p.name; } } }]
    });
  }

  function load() {
    var status = $('alerts-status');
    var params = new URLSearchParams();
    var entity = selectedEntity();
    if (entity) { params.set('entity', entity); }
    if ($('from') && $('from').value) { params.set('from', $('from').value); }
    if ($('to') && $('to').value) { params.set('to', $('to').value); }
    params.set('limit', '200');
    status.textContent = '';
    getJson('/api/alerts/rules').then(function (body) { renderRules(body.rules); })
        .catch(function (e) { status.textContent = 'Rules: ' + e.message; });
    getJson('/api/alerts/history?' + params.toString()).then(function (body) {
      renderHistory(body.alerts);
      lastAlerts = body.alerts;
      mark(lastAlerts);
    }).catch(function (e) { status.textContent = 'History: ' + e.message; });
  }

  // app.js redraws the chart (replacing its series) after each of its loads: put the markers back when it does
  var lastAlerts = [];
  document.addEventListener('backbeat:chart-drawn', function () { mark(lastAlerts); });

  document.addEventListener('DOMContentLoaded', function () {
    if (!$('alerts-panel')) { return; }
    ['entity', 'from', 'to'].forEach(function (id) {
      if ($(id)) { $(id).addEventListener('change', load); }
    });
    load();
  });
})();
