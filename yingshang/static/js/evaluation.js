/* Evaluation charts: each [data-echarts-option] element names a json_script holding an ECharts
   option built on the server (yingshang/evaluation/charts.py). Charts in htmx partials are
   drawn when the partial settles. */
(function () {
  "use strict";

  // On a phone, category labels (indicator names) would overlap: slant and shorten them; the
  // panel's heading already says what the chart's title says.
  function fitNarrow(element, option) {
    if (element.clientWidth >= 520) return;
    if (option.title) option.title.show = false;
    [].concat(option.xAxis || []).forEach(function (axis) {
      if (axis.type !== "category") return;
      axis.axisLabel = Object.assign({}, axis.axisLabel, { rotate: 40, width: 72, overflow: "truncate" });
    });
  }

  function draw(root) {
    if (!window.echarts || !root || !root.querySelectorAll) return;
    root.querySelectorAll("[data-echarts-option]").forEach(function (element) {
      if (element.getAttribute("data-drawn")) return;
      var source = document.getElementById(element.getAttribute("data-echarts-option"));
      if (!source) return;
      var option = JSON.parse(source.textContent);
      option.textStyle = { fontFamily: getComputedStyle(document.body).fontFamily };
      fitNarrow(element, option);
      var chart = window.echarts.init(element, null, { renderer: "canvas" });
      chart.setOption(option);
      element.setAttribute("data-drawn", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
