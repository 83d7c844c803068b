// Backbeat dashboard page. Plain JS, no build step. Every text that comes from the server is set with
// textContent, as an <option>'s text or drawn by ECharts on canvas (tooltips in richText mode), never parsed as HTML.
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var entitySelect = $('entity');
  var topicSelect = $('topic');
  var sourceSelect = $('source');
  var fromInput = $('from');
  var toInput = $('to');
  var intervalSelect = $('interval');
  var weightSelect = $('weight');
  var statusLine = $('status');
  var charts = {};
  var entityNames = {};
  var eventsShown = [];
  var STEP_MS = { hour: 3600e3, day: 86400e3, week: 7 * 86400e3 };
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  function chart(id) {
    if (!window.echarts) { return null; }
    if (!charts[id]) { charts[id] = window.echarts.init($(id)); }
    return charts[id];
  }

  function showStatus(text, isError) {
    statusLine.textContent = text || '';
    statusLine.classList.toggle('error', !!isError);
  }

  function getJson(url, options) {
    var opts = options || {};
    opts.headers = Object.assign({ Accept: 'application/json' }, opts.headers || {});
    return fetch(url, opts).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          throw new Error(body && body.error ? body.error : 'HTTP ' + response.status);
        }
        return body;
      });
    });
  }

  function signed(x, digits) {
    return typeof x !== 'number' || !isFinite(x) ? 'n/a' : (x > 0 ? '+' : '') + x.toFixed(digits === undefined ? 3 : digits);
  }

  function clear(el) {
    while (el.firstChild) { el.removeChild(el.firstChild); }
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  // ----- filters

  function filters() {
    var p = new URLSearchParams();
    p.set('entity', entitySelect.value);
    if (topicSelect.value !== 'all') { p.set('topic', topicSelect.value); }
    if (sourceSelect.value !== 'all') { p.set('source', sourceSelect.value); }
    if (fromInput.value) { p.set('from', fromInput.value); }
    if (toInput.value) { p.set('to', toInput.value); }
    return p;
  }

  function selectedEntity() {
    return entitySelect.value === 'all' ? null : entitySelect.value;
  }

  function entityLabel() {
    var e = selectedEntity();
    return e ? (entityNames[e] || e) : 'All posts';
  }

  // ----- CSV downloads: each link exports what its chart or panel shows, with the filters on screen

  function setDownload(id, kind, params) {
    var link = $(id);
    if (!link) { return; }
    var p = new URLSearchParams(params.toString());
    p.set('bom', 'true'); // Excel misreads UTF-8 without a byte order mark
    link.href = '/api/export/' + kind + '.csv?' + p.toString();
  }

  // ----- loading

  function loadInfo() {
    return getJson('/api/info').then(function (info) {
      if (typeof info.dataNotice === 'string' && info.dataNotice.length > 0) {
        $('notice').textContent = info.dataNotice;
        $('notice').hidden = false;
      }
    }).catch(function () { /* the banner is optional */ });
  }

  function loadEntities(selected) {
    return getJson('/api/entities').then(function (body) {
      entitySelect.options[0].text = 'All posts (' + body.total + ')';
      body.entities.forEach(function (e) {
        entityNames[e.id] = e.name;
        entitySelect.add(new Option(e.name + ' (' + e.count + ')', e.id)); // Option(text, value): text, not HTML
      });
      if (selected && entityNames[selected]) { entitySelect.value = selected; }
    });
  }

  function loadTopicChoices() {
    return getJson('/api/topics?size=50').then(function (body) {
      body.topics.forEach(function (t) { topicSelect.add(new Option(t.topic + ' (' + t.count + ')', t.topic)); });
    }).catch(function () { /* the topic filter then offers "all" only */ });
  }

  function loadAll() {
    var params = filters();
    params.set('interval', intervalSelect.value);
    if (weightSelect.value !== 'posts') { params.set('weight', weightSelect.value); }
    history.replaceState(null, '', '?' + params.toString());
    setDownload('download-series', 'series', params);
    setDownload('download-posts', 'posts', filters());
    $('drill-title').textContent = 'Posts';
    clear($('drill')); // the filters changed: the last drill-down no longer applies
    $('drivers').hidden = true;
    showStatus('Loading…');
    var entity = selectedEntity();
    var eventsUrl = '/api/events' + (entity ? '?entity=' + encodeURIComponent(entity) : '');
    return Promise.all([
      getJson('/api/series?' + params.toString()),
      getJson(eventsUrl).catch(function () { return { events: [] }; })
    ]).then(function (results) {
      showStatus('');
      eventsShown = results[1].events || [];
      renderSeries(results[0], eventsShown);
      renderEvents(eventsShown);
    }).catch(function (err) {
      showStatus('Could not load the series: ' + err.message, true);
    }).then(function () {
      loadSideCharts();
      loadTopPosts();
      loadCandidates();
    });
  }

  // ----- the main chart

  function renderSeries(series, events) {
    var byTexts = series.weight === 'texts';
    var barName = byTexts ? 'Distinct texts' : 'Posts';
    var bars = series.buckets.map(function (b) { return [b.time, byTexts ? b.distinctTexts : b.count]; });
    var byTime = {};
    series.buckets.forEach(function (b) { byTime[Date.parse(b.time)] = b; });
    var line = series.buckets.map(function (b) { return [b.time, b.meanScore]; });
    // The band is drawn as two stacked areas (the low bound, then the width) on a hidden axis shifted by +1,
    // so that both are >= 0: ECharts 5.3 stacks negative and positive values apart, which would draw the
    // band from 0 instead of from the low bound. The bounds are clipped to the score range [-1, 1].
    function clip(v) { return Math.max(-1, Math.min(1, v)); }
    var low = series.buckets.map(function (b) {
      return [b.time, b.ciLow === null || b.ciHigh === null ? null : clip(b.ciLow) + 1];
    });
    var band = series.buckets.map(function (b) {
      return [b.time, b.ciLow === null || b.ciHigh === null ? null : clip(b.ciHigh) - clip(b.ciLow)];
    });
    var total = series.buckets.reduce(function (n, b) { return n + b.count; }, 0);
    var scored = series.buckets.reduce(function (n, b) { return n + (b.scored || 0); }, 0);
    $('summary').textContent = entityLabel() + ': ' + total + ' posts (' + scored + ' scored) in '
      + series.buckets.length + ' ' + series.interval + (series.buckets.length === 1 ? '' : 's') + '.'
      + (byTexts ? ' Counting each distinct text once: copies and retweets of one text are one voice.' : '');
    var c = chart('chart');
    if (!c) {
      showStatus('The chart library did not load.', true);
      return;
    }
    // half a bucket of room on each side, so the first and last bars are not cut in half
    var half = (STEP_MS[series.interval] || STEP_MS.day) / 2;
    var times = series.buckets.map(function (b) { return Date.parse(b.time); });
    var first = times.length ? times[0] - half : null;
    var last = times.length ? times[times.length - 1] + half : null;
    var markers = events.filter(function (e) {
      var t = Date.parse(e.date + 'T00:00:00Z');
      return first === null || (t >= first && t <= last);
    }).map(function (e) {
      return { xAxis: Date.parse(e.date + 'T00:00:00Z'), name: e.title };
    });
    c.setOption({
      animation: false,
      title: { text: entityLabel(), left: 'center', textStyle: { fontSize: 14 } },
      legend: { data: [barName, 'Mean sentiment', '95% CI'], bottom: 0 },
      grid: { left: 50, right: 50, top: 40, bottom: 70 },
      // richText: drawn on canvas, never parsed as HTML
      tooltip: { trigger: 'axis', renderMode: 'richText', formatter: function (params) {
        var first = Array.isArray(params) ? params[0] : params;
        var b = first && first.value ? byTime[Date.parse(first.value[0])] : null;
        return b ? tooltipText(b, series.interval, byTexts) : '';
      } },
      dataZoom: [{ type: 'inside' }, { type: 'slider', bottom: 25, height: 18 }],
      xAxis: { type: 'time', min: first, max: last },
      yAxis: [
        { type: 'value', name: barName, minInterval: 1 },
        { type: 'value', name: 'Sentiment', min: -1, max: 1, splitLine: { show: false } },
        { type: 'value', min: 0, max: 2, show: false }
      ],
      series: [
        { name: barName, type: 'bar', data: bars, yAxisIndex: 0, barMaxWidth: 48, itemStyle: { color: '#9db7d5' },
          markLine: { symbol: 'none', silent: true, lineStyle: { color: '#7c3aed', type: 'dashed' },
                      label: { formatter: '{b}', position: 'insideEndTop', fontSize: 10 }, data: markers } },
        // the band is silent: clicks go through it to the bars and points beneath
        { name: 'CI low', type: 'line', data: low, yAxisIndex: 2, stack: 'ci', symbol: 'none', silent: true,
          lineStyle: { opacity: 0 }, tooltip: { show: false } },
        { name: '95% CI', type: 'line', data: band, yAxisIndex: 2, stack: 'ci', symbol: 'none', silent: true,
          lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(194, 65, 12, 0.18)' }, itemStyle: { color: 'rgba(194, 65, 12, 0.4)' } },
        { name: 'Mean sentiment', type: 'line', data: line, yAxisIndex: 1, connectNulls: false,
          showSymbol: line.length < 60, itemStyle: { color: '#c2410c' } }
      ]
    }, true);
    // other panels (alerts.js) draw on this chart: tell them it was redrawn without their series
    document.dispatchEvent(new CustomEvent('backbeat:chart-drawn'));
    c.off('click');
    c.on('click', function (p) {
      if (!p.value || !Array.isArray(p.value)) { return; }
      var start = Date.parse(p.value[0]);
      var end = start + (STEP_MS[series.interval] || STEP_MS.day);
      drillDown(new Date(start).toISOString(), new Date(end).toISOString());
      loadDrivers(new Date(start).toISOString(), series.interval);
    });
  }

  function bucketLabel(time, interval) {
    var d = new Date(time);
    var day = d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()];
    if (interval === 'hour') { return day + ' ' + String(d.getUTCHours()).padStart(2, '0') + ':00 UTC'; }
    return interval === 'week' ? 'the week of ' + day : day;
  }

  function tooltipText(b, interval, byTexts) {
    var lines = [bucketLabel(b.time, interval),
      b.count + ' posts · ' + b.distinctTexts + ' distinct texts · ' + b.distinctAuthors + ' authors'];
    if (b.meanScore !== null) {
      lines.push('Mean sentiment ' + signed(b.meanScore, 2) + (byTexts ? ' (each text once)' : '')
        + (b.ciLow === null ? '' : ', 95% CI ' + signed(b.ciLow, 2) + ' to ' + signed(b.ciHigh, 2)));
    }
    return lines.join('\n');
  }

  function shorten(text, max) {
    return text.length <= max ? text : text.substring(0, max - 1) + '…';
  }

  // ----- drivers: what moved a bucket, in plain words (every text set with textContent)

  function driverSentence(d, interval) {
    var when = bucketLabel(d.bucket, interval);
    var top = d.drivers.length ? d.drivers[0] : null;
    if (!top || !top.sample) { return d.posts + ' posts on ' + when + '.'; }
    var text = shorten(top.sample.headline || top.sample.text || '', 140);
    var tone = top.meanScore === null ? '' : ' (sentiment ' + signed(top.meanScore, 2) + ')';
    if (top.copies > 1) {
      return top.copies + ' of ' + d.posts + ' posts on ' + when + ' are copies of one text: \u2018' + text + '\u2019' + tone + '.';
    }
    return 'No text was copied on ' + when + ' among the ' + d.posts + ' posts (' + d.distinctTexts
      + ' distinct texts); the one that moved the mean most: \u2018' + text + '\u2019' + tone + '.';
  }

  /** What moved an event's change, from /api/impact/drivers: the after window's text that moved it most. */
  function impactDriverSentence(d) {
    var top = d.drivers.length ? d.drivers[0] : null;
    if (!top || !top.sample || d.deviation === null) { return ''; }
    var text = shorten(top.sample.headline || top.sample.text || '', 140);
    var facts = [];
    if (top.meanScore !== null) { facts.push('sentiment ' + signed(top.meanScore, 2)); }
    facts.push(signed(top.contribution, 3) + ' of the change of ' + signed(d.deviation, 3));
    if (top.copies > 1) {
      return 'What moved it most: ' + top.copies + ' of the ' + d.posts + ' posts after the event are copies of one text: \u2018'
        + text + '\u2019 (' + facts.join(', ') + ').';
    }
    return 'What moved it most: one post, \u2018' + text + '\u2019 (' + facts.join(', ') + ').';
  }

  function loadDrivers(bucket, interval) {
    var params = filters();
    params.set('interval', interval);
    params.set('bucket', bucket);
    return getJson('/api/series/drivers?' + params.toString()).then(function (d) {
      $('drivers-sentence').textContent = driverSentence(d, interval);
      var list = $('drivers-list');
      clear(list);
      if (d.deviation !== null) {
        list.appendChild(el('li', 'Mean ' + signed(d.bucketMean, 2) + ' against ' + signed(d.seriesMean, 2)
          + ' for the whole series (' + signed(d.deviation, 2) + ').'));
      }
      d.drivers.forEach(function (t) {
        if (!t.sample) { return; }
        list.appendChild(el('li', t.copies + (t.copies === 1 ? ' post' : ' posts') + ', '
          + (t.meanScore === null ? 'not scored' : 'sentiment ' + signed(t.meanScore, 2))
          + ', moved the mean by ' + signed(t.contribution, 3) + ': \u2018' + shorten(t.sample.text || '', 100) + '\u2019'));
      });
      if (d.topicsGrown.length) {
        list.appendChild(el('li', 'Topics that grew against the ' + interval + 's before: ' + d.topicsGrown.map(function (t) {
          return t.topic + ' (' + Math.round(t.previousShare * 100) + '% \u2192 ' + Math.round(t.share * 100) + '%)';
        }).join(', ')));
      }
      $('drivers').hidden = false;
    }).catch(function (err) { showStatus('Could not load what moved this ' + interval + ': ' + err.message, true); });
  }

  // ----- drill-down and top posts

  function renderPosts(list, posts, emptyText) {
    clear(list);
    if (!posts.length) {
      list.appendChild(el('li', emptyText || 'No posts.', 'muted'));
      return;
    }
    posts.forEach(function (p) {
      var li = el('li', null, 'post');
      var meta = el('div', null, 'meta');
      meta.appendChild(el('time', p.publishedAt.replace('T', ' ').replace('Z', ' UTC')));
      meta.appendChild(el('span', ' · ' + (p.author || 'unknown author') + ' · ' + p.source));
      var score = el('span', p.score === null || p.score === undefined
        ? ' · not scored' : ' · ' + signed(p.score, 2) + (p.targeted ? ' (towards the entity)' : ''), 'score');
      meta.appendChild(score);
      if (p.engagement) { meta.appendChild(el('span', ' · ' + p.engagement + ' interactions')); }
      li.appendChild(meta);
      if (p.headline) { li.appendChild(el('strong', p.headline, 'headline')); }
      li.appendChild(el('p', p.text, 'text'));
      if (typeof p.url === 'string' && /^https?:\/\//i.test(p.url)) {
        var a = el('a', 'open original', 'link');
        a.href = p.url;
        a.rel = 'noopener noreferrer nofollow';
        a.target = '_blank';
        li.appendChild(a);
      }
      list.appendChild(li);
    });
  }

  function drillDown(from, to) {
    var params = filters();
    params.set('from', from);
    params.set('to', to);
    setDownload('download-posts', 'posts', params);
    params.set('size', '50');
    $('drill-title').textContent = 'Posts from ' + from.replace('T', ' ').replace('.000Z', ' UTC') + ' to '
      + to.replace('T', ' ').replace('.000Z', ' UTC');
    return getJson('/api/posts?' + params.toString()).then(function (body) {
      renderPosts($('drill'), body.posts, 'No posts in this period.');
      if (body.total > body.posts.length) {
        $('drill').appendChild(el('li', (body.total - body.posts.length) + ' more not shown.', 'muted'));
      }
      $('drill').scrollIntoView({ block: 'nearest' });
    }).catch(function (err) { showStatus('Could not load the posts: ' + err.message, true); });
  }

  function loadTopPosts() {
    ['negative', 'positive', 'engaged'].forEach(function (ranking) {
      var params = filters();
      params.set('ranking', ranking);
      params.set('size', '5');
      setDownload('download-top-' + ranking, 'top-posts', params);
      getJson('/api/top-posts?' + params.toString())
        .then(function (body) { renderPosts($('top-' + ranking), body.posts); })
        .catch(function (err) { renderPosts($('top-' + ranking), [], err.message); });
    });
  }

  // ----- share of voice and topics

  function loadSideCharts() {
    var params = filters();
    params.delete('entity');
    var byTexts = weightSelect.value === 'texts';
    if (byTexts) { params.set('weight', 'texts'); }
    setDownload('download-sov', 'share-of-voice', params);
    setDownload('download-topics', 'topics', filters());
    getJson('/api/share-of-voice?' + params.toString()).then(function (body) {
      var c = chart('sov');
      if (!c) { return; }
      var shown = body.entities.filter(function (e) { return e.count > 0; });
      c.setOption({
        animation: false,
        tooltip: { trigger: 'item', renderMode: 'richText' },
        series: [{ type: 'pie', radius: ['35%', '70%'],
          label: { formatter: '{b}: {d}%' },
          data: shown.map(function (e) { return { name: e.name, value: byTexts ? e.distinctTexts : e.count }; }) }]
      }, true);
    }).catch(function () { /* shown empty */ });
    getJson('/api/topics?' + filters().toString()).then(function (body) {
      var c = chart('topics');
      if (!c) { return; }
      var topics = body.topics.slice().reverse();
      c.setOption({
        animation: false,
        tooltip: { trigger: 'axis', renderMode: 'richText' },
        grid: { left: 90, right: 20, top: 10, bottom: 30 },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: topics.map(function (t) { return t.topic; }) },
        series: [{ name: 'Posts', type: 'bar', data: topics.map(function (t) { return t.count; }),
          itemStyle: { color: '#3b6ea5' } }]
      }, true);
    }).catch(function () { /* shown empty */ });
  }

  // ----- events and impact

  function renderEvents(events) {
    var list = $('events');
    clear(list);
    if (!events.length) {
      list.appendChild(el('li', 'No events for this selection.', 'muted'));
      return;
    }
    events.forEach(function (e) {
      var li = el('li');
      var button = el('button', e.date + ' · ' + e.title, 'event');
      button.type = 'button';
      button.dataset.event = e.id;
      button.addEventListener('click', function () { openImpact(e); });
      li.appendChild(button);
      list.appendChild(li);
    });
  }

  function interval(ci) {
    return ci ? signed(ci.lower) + ' to ' + signed(ci.upper) : 'n/a';
  }

  // The event whose impact panel is open: a change of the "Count" toggle estimates it again with the new weight.
  var openEvent = null;

  function openImpact(event) {
    openEvent = event;
    var entity = selectedEntity() || event.entities[0];
    var byTexts = weightSelect.value === 'texts';
    var panel = $('impact');
    panel.hidden = false;
    panel.dataset.loading = 'true';
    $('impact-title').textContent = event.title + ' (' + event.date + ') · ' + (entityNames[entity] || entity)
      + (byTexts ? ' · each text once' : '');
    $('impact-summary').textContent = 'Estimating…';
    $('impact-drivers').textContent = '';
    var query = { event: event.id, entity: entity };
    if (byTexts) { query.weight = 'texts'; }
    var url = '/api/impact?' + new URLSearchParams(query).toString();
    setDownload('download-impact', 'impact', new URLSearchParams(query));
    return getJson(url).then(function (body) {
      var a = body.result.event;
      var s = a.sentiment;
      $('impact-summary').textContent = body.summary.text;
      $('impact-counts').textContent = s ? s.countBefore + ' / ' + s.countAfter
        : 'not enough posts';
      $('impact-texts').textContent = s ? s.textsBefore + ' / ' + s.textsAfter : 'n/a';
      // The band a tool that counts every copy as an independent opinion would show: narrower when copies pile up.
      $('impact-ignoring-copies').textContent = s && s.ignoringCopies ? interval(s.ignoringCopies) : 'n/a';
      $('impact-means').textContent = s ? signed(s.meanBefore) + ' → ' + signed(s.meanAfter) : 'n/a';
      $('impact-difference').textContent = s ? signed(s.difference) : 'n/a';
      $('impact-ci-low').textContent = s ? signed(s.welch.lower) : 'n/a';
      $('impact-ci-high').textContent = s ? signed(s.welch.upper) : 'n/a';
      $('impact-bootstrap').textContent = s && s.bootstrap ? interval(s.bootstrap) : 'n/a';
      $('impact-volume').textContent = a.volume ? signed(a.volume.difference, 1) + ' (95% CI '
        + signed(a.volume.interval.lower, 1) + ' to ' + signed(a.volume.interval.upper, 1) + ')' : 'n/a';
      var p = body.result.placebo;
      $('impact-placebo').textContent = p && p.sentiment
        ? p.time.substring(0, 10) + ': ' + signed(p.sentiment.difference) + ' (95% CI ' + interval(p.sentiment.welch) + ')'
        : (body.result.placeboNote || 'none');
      $('impact-notes').textContent = (a.notes || []).join(' ');
      return getJson('/api/impact/drivers?' + new URLSearchParams({ event: event.id, entity: entity, size: '1' }).toString())
        .then(function (d) { $('impact-drivers').textContent = impactDriverSentence(d); })
        .catch(function (err) { $('impact-drivers').textContent = 'Could not tell what moved it: ' + err.message; });
    }).then(function () {
      panel.dataset.loading = 'false';
    }).catch(function (err) {
      $('impact-summary').textContent = 'Could not estimate the impact: ' + err.message;
      panel.dataset.loading = 'false';
    });
  }

  // ----- candidates

  // ----- scheduled reports

  function loadReports() {
    var list = $('reports');
    if (!list) { return; }
    getJson('/api/reports').then(function (body) {
      clear(list);
      if (!body.reports.length) {
        list.appendChild(el('li', 'No scheduled reports.', 'muted'));
        return;
      }
      body.reports.forEach(function (r) {
        var d = r.definition;
        var s = d.schedule || {};
        var li = el('li', d.name + ' · ' + d.kind + ' · ' + d.period + ' · every ' + s.every
          + (s.every === 'week' ? ' on ' + s.day : '') + ' at ' + s.time + ' ' + s.zone
          + (r.nextRun ? ' · next ' + r.nextRun.replace('T', ' ').replace(':00Z', ' UTC') : ''));
        li.dataset.report = d.name;
        var runs = el('ul', null, 'runs');
        r.runs.forEach(function (run) {
          var item = el('li');
          if (run.status === 'done') {
            var a = el('a', run.date + '.csv');
            a.href = '/api/reports/' + encodeURIComponent(d.name) + '/files/' + encodeURIComponent(run.date) + '.csv';
            a.setAttribute('download', '');
            item.appendChild(a);
            item.appendChild(el('span', ' ' + run.rows + ' rows', 'muted'));
          } else {
            item.appendChild(el('span', run.date + ': ' + run.status + (run.error ? ' (' + run.error + ')' : ''), 'muted'));
          }
          runs.appendChild(item);
        });
        li.appendChild(runs);
        list.appendChild(li);
      });
    }).catch(function () { list.appendChild(el('li', 'Scheduled reports are not available here.', 'muted')); });
  }

  function loadCandidates() {
    var list = $('candidates');
    clear(list);
    var entity = selectedEntity();
    if (!entity) {
      list.appendChild(el('li', 'Choose an entity to see candidate events.', 'muted'));
      return;
    }
    var params = new URLSearchParams({ entity: entity });
    if (fromInput.value) { params.set('from', fromInput.value); }
    if (toInput.value) { params.set('to', toInput.value); }
    if (weightSelect.value !== 'posts') { params.set('weight', weightSelect.value); }
    getJson('/api/candidates?' + params.toString()).then(function (body) {
      if (!body.candidates.length) {
        list.appendChild(el('li', 'No clear shift or burst.', 'muted'));
      }
      body.candidates.forEach(function (c) {
        var li = el('li');
        var what = c.metric === 'sentiment' ? 'sentiment ' + signed(c.before, 2) + ' → ' + signed(c.after, 2)
          : 'volume ' + c.before.toFixed(1) + ' → ' + c.after.toFixed(1) + ' posts/day';
        li.appendChild(el('span', c.day + ' · ' + what + ' · strength ' + c.strength.toFixed(1) + ' '));
        var why = el('button', 'What moved it?', 'why');
        why.type = 'button';
        why.addEventListener('click', function () { loadDrivers(c.day + 'T00:00:00Z', 'day'); });
        li.appendChild(why);
        var confirm = el('button', 'Confirm as event', 'confirm');
        confirm.type = 'button';
        confirm.addEventListener('click', function () { confirmCandidate(entity, c, li); });
        li.appendChild(confirm);
        list.appendChild(li);
      });
    }).catch(function (err) { list.appendChild(el('li', err.message, 'muted')); });
  }

  function confirmCandidate(entity, candidate, li) {
    var token = $('admin-token').value;
    sessionStorage.setItem('backbeat.adminToken', token);
    var name = entityNames[entity] || entity;
    var body = {
      date: candidate.day,
      title: (candidate.metric === 'sentiment' ? 'Sentiment shift for ' : 'Volume burst for ') + name,
      entities: [entity],
      kind: 'other',
      sourceUrl: location.origin + '/?entity=' + encodeURIComponent(entity)
    };
    getJson('/api/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
      body: JSON.stringify(body)
    }).then(function (saved) {
      li.appendChild(el('span', ' saved as ' + saved.id, 'ok'));
      loadAll();
    }).catch(function (err) { li.appendChild(el('span', ' ' + err.message, 'error')); });
  }

  // ----- start

  var initial = new URLSearchParams(location.search);
  if (['hour', 'day', 'week'].indexOf(initial.get('interval')) >= 0) { intervalSelect.value = initial.get('interval'); }
  if (initial.get('from')) { fromInput.value = initial.get('from').substring(0, 10); }
  if (initial.get('to')) { toInput.value = initial.get('to').substring(0, 10); }
  $('admin-token').value = sessionStorage.getItem('backbeat.adminToken') || '';
  if (initial.get('weight') === 'texts') { weightSelect.value = 'texts'; }
  // Every change reloads at once: the form itself never submits (no inline handler: the CSP forbids them).
  $('controls').addEventListener('submit', function (e) { e.preventDefault(); });
  [entitySelect, topicSelect, sourceSelect, fromInput, toInput, intervalSelect, weightSelect].forEach(function (control) {
    control.addEventListener('change', loadAll);
  });
  weightSelect.addEventListener('change', function () {
    if (openEvent && !$('impact').hidden) { openImpact(openEvent); }
  });
  window.addEventListener('resize', function () {
    Object.keys(charts).forEach(function (k) { charts[k].resize(); });
  });

  loadInfo();
  loadReports();
  Promise.all([loadEntities(initial.get('entity')), loadTopicChoices()])
    .catch(function (err) { showStatus('Could not load the entities: ' + err.message, true); })
    .then(function () {
      if (initial.get('topic')) { topicSelect.value = initial.get('topic'); }
      if (initial.get('source')) { sourceSelect.value = initial.get('source'); }
      return loadAll();
    });
}());
