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
if (data.stageFlow) {
  const s = echarts.init(document.getElementById('stages'));
  s.setOption({
    tooltip: {trigger: 'item', formatter: p => p.dataType === 'edge' ? p.data.tip : p.name},
    series: [{
      type: 'sankey', nodeAlign: 'justify', emphasis: {focus: 'adjacency'}, label: {fontSize: 11},
      data: data.stageFlow.nodes, links: data.stageFlow.links
    }]
  });
}
window.reportReady = true;
