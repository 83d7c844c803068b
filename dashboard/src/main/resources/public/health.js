// Pipeline health panel: the components this dashboard depends on (GET /api/health) and each stage's consumer lag.
// Plain JS, no build step; everything from the server is set with textContent.
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  if (!$('health-panel')) { return; }

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = String(text);
    row.appendChild(td);
  }

  function render(report) {
    var components = $('health-components');
    components.textContent = '';
    Object.keys(report.components || {}).forEach(function (name) {
      var c = report.components[name];
      var li = document.createElement('li');
      li.textContent = name + ': ' + c.status + (c.detail ? ' (' + c.detail + ')' : '');
      li.className = c.status === 'UP' ? 'ok' : 'error';
      components.appendChild(li);
    });
    var body = $('health-lag').querySelector('tbody');
    body.textContent = '';
    $('health-lag-none').hidden = Array.isArray(report.lag);
    (report.lag || []).forEach(function (stage) {
      var row = document.createElement('tr');
      row.setAttribute('data-stage', stage.stage);
      cell(row, stage.stage);
      cell(row, stage.group);
      cell(row, stage.error ? 'unknown: ' + stage.error : stage.records.toLocaleString('en'));
      cell(row, stage.partitions);
      body.appendChild(row);
    });
  }

  function load() {
    // 503 still carries the report: show what is down rather than an error.
    fetch('/api/health', { headers: { Accept: 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(render)
      .catch(function (err) { $('health-components').textContent = 'Could not load the health report: ' + err.message; });
  }

  $('health-load').addEventListener('click', load);
  load();
}());
