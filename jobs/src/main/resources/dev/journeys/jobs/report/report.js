const g = echarts.init(document.getElementById('graph'));
g.setOption({
  tooltip: {},
  series: [{
    type: 'graph', layout: 'force', roam: true, draggable: true,
    force: {repulsion: 400, edgeLength: [60, 220]}, label: {show: true, fontSize: 10}, edgeSymbol: ['none', 'arrow'],
    data: data.nodes, links: data.links
  }]
});
const c = echarts.init(document.getElementById('coverage'));
c.setOption({
  tooltip: {trigger: 'axis'}, xAxis: {type: 'value', name: 'variants'},
  yAxis: {type: 'value', max: 1, name: 'share of journeys'},
  series: [{type: 'line', showSymbol: false, data: data.coverage}]
});
function sankey(id, flow, align, fontSize) {
  const chart = echarts.init(document.getElementById(id));
  chart.setOption({
    tooltip: {trigger: 'item', formatter: p => p.dataType === 'edge' ? p.data.tip : p.name},
    series: [{
      type: 'sankey', nodeAlign: align, emphasis: {focus: 'adjacency'}, label: {fontSize: fontSize},
      data: flow.nodes, links: flow.links
    }]
  });
}
if (data.stageFlow) {
  sankey('stages', data.stageFlow, 'justify', 11);
}
function distribution(id, d) {
  const chart = echarts.init(document.getElementById(id));
  chart.setOption({
    tooltip: {trigger: 'axis', valueFormatter: v => (100 * v).toFixed(1) + '%'},
    legend: {type: 'scroll', top: 0},
    grid: {top: 60, left: 60, right: 20, bottom: 60},
    xAxis: {type: 'category', data: d.buckets.map(b => b.replaceAll('_', ' ')), axisLabel: {rotate: 30}},
    yAxis: {type: 'value', axisLabel: {formatter: v => (100 * v).toFixed(0) + '%'}},
    series: d.series.map(s => ({name: s.name + ' (' + s.total.toLocaleString('en') + ')', type: 'bar', data: s.shares}))
  });
}
if (data.times) {
  distribution('times', data.times);
}
if (data.conversions) {
  distribution('conversions', data.conversions);
}
if (data.paths) {
  sankey('paths', data.paths, 'left', 10);
}
if (data.segments) {
  const seg = echarts.init(document.getElementById('segments'));
  seg.setOption({
    tooltip: {trigger: 'axis', valueFormatter: v => v.toFixed(1) + '%'},
    legend: {top: 0},
    grid: {top: 30, left: 20, right: 30, bottom: 20, containLabel: true},
    xAxis: {type: 'value', axisLabel: {formatter: v => v + '%'}},
    yAxis: {type: 'category', inverse: true, data: data.segments.labels, axisLabel: {width: 320, overflow: 'truncate'}},
    series: [{name: data.segments.a, type: 'bar', data: data.segments.ratesA},
             {name: data.segments.b, type: 'bar', data: data.segments.ratesB}]
  });
}
window.reportReady = true;
