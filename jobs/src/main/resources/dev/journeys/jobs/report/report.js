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
window.reportReady = true;
