// Backbeat dashboard page. Plain JS, no build step. Every text that comes from the server is set with
// textContent or as an <option>'s text, never parsed as HTML.
(function () {
  'use strict';

  var entitySelect = document.getElementById('entity');
  var intervalSelect = document.getElementById('interval');
  var statusLine = document.getElementById('status');
  var summary = document.getElementById('summary');
  var notice = document.getElementById('notice');
  var chartEl = document.getElementById('chart');
  var chart = window.echarts ? window.echarts.init(chartEl) : null;
  var entityNames = {};
  var STEP_MS = { hour: 3600e3, day: 86400e3, week: 7 * 86400e3 };

  function showStatus(text, isError) {
    statusLine.textContent = text || '';
    statusLine.classList.toggle('error', !!isError);
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          throw new Error(body && body.error ? body.error : 'HTTP ' + response.status);
        }
        return body;
      });
    });
  }

  function formatScore(x) {
    return typeof x !== 'number' ? 'n/a' : (x > 0 ? '+' : '') + x.toFixed(2);
  }

  function loadInfo() {
    return getJson('/api/info').then(function (info) {
      if (typeof info.dataNotice === 'string' && info.dataNotice.length > 0) {
        notice.textContent = info.dataNotice;
        notice.hidden = false;
      }
    }).catch(function () { /* the banner is optional */ });
  }

  function loadEntities(selected) {
    return getJson('/api/entities').then(function (body) {
      var all = entitySelect.options[0];
      all.text = 'All posts (' + body.total + ')';
      body.entities.forEach(function (e) {
        entityNames[e.id] = e.name;
        var label = e.name + ' (' + e.count + ')';
        entitySelect.add(new Option(label, e.id)); // Option(text, value): text, not HTML
      });
      if (selected && entityNames[selected]) {
        entitySelect.value = selected;
      }
    });
  }

  function render(series) {
    var bars = series.buckets.map(function (b) { return [b.time, b.count]; });
    var line = series.buckets.map(function (b) { return [b.time, b.meanScore]; });
    var title = series.entity === 'all' ? 'All posts' : (entityNames[series.entity] || series.entity);
    var total = series.buckets.reduce(function (n, b) { return n + b.count; }, 0);
    summary.textContent = title + ': ' + total + ' posts in ' + series.buckets.length + ' ' + series.interval
      + (series.buckets.length === 1 ? '' : 's') + '.';
    if (!chart) {
      showStatus('The chart library did not load.', true);
      return;
    }
    // half a bucket of room on each side, so the first and last bars are not cut in half
    var half = (STEP_MS[series.interval] || STEP_MS.day) / 2;
    var times = series.buckets.map(function (b) { return Date.parse(b.time); });
    chart.setOption({
      animation: false,
      title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
      legend: { data: ['Posts', 'Mean sentiment'], bottom: 0 },
      grid: { left: 50, right: 50, top: 40, bottom: 70 },
      tooltip: { trigger: 'axis' },
      dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 25, height: 18 }],
      xAxis: {
        type: 'time',
        min: times.length ? times[0] - half : null,
        max: times.length ? times[times.length - 1] + half : null
      },
      yAxis: [
        { type: 'value', name: 'Posts', minInterval: 1 },
        { type: 'value', name: 'Sentiment', min: -1, max: 1, splitLine: { show: false } }
      ],
      series: [
        { name: 'Posts', type: 'bar', data: bars, yAxisIndex: 0, barMaxWidth: 48,
          itemStyle: { color: '#9db7d5' } },
        { name: 'Mean sentiment', type: 'line', data: line, yAxisIndex: 1, connectNulls: false,
          tooltip: { valueFormatter: formatScore },
          showSymbol: line.length < 60, itemStyle: { color: '#c2410c' } }
      ]
    }, true);
  }

  function loadSeries() {
    var entity = entitySelect.value;
    var interval = intervalSelect.value;
    var params = new URLSearchParams({ entity: entity, interval: interval });
    history.replaceState(null, '', '?' + params.toString());
    showStatus('Loading…');
    return getJson('/api/series?' + params.toString()).then(function (series) {
      showStatus('');
      render(series);
    }).catch(function (err) {
      showStatus('Could not load the series: ' + err.message, true);
    });
  }

  var initial = new URLSearchParams(location.search);
  if (['hour', 'day', 'week'].indexOf(initial.get('interval')) >= 0) {
    intervalSelect.value = initial.get('interval');
  }
  entitySelect.addEventListener('change', loadSeries);
  intervalSelect.addEventListener('change', loadSeries);
  window.addEventListener('resize', function () { if (chart) { chart.resize(); } });

  loadInfo();
  loadEntities(initial.get('entity'))
    .catch(function (err) { showStatus('Could not load the entities: ' + err.message, true); })
    .then(loadSeries);
}());
