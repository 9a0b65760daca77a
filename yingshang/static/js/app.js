/* Yingshang page behaviour: the collapsible navigation and the charts. No inline scripts. */
(function () {
  "use strict";

  document.documentElement.classList.remove("no-js");

  function setupNavToggle() {
    var button = document.getElementById("nav-button");
    var nav = document.getElementById("sidenav");
    if (!button || !nav) return;
    button.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function barChart(element, data) {
    var chart = window.echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: {
        type: "category",
        inverse: true,
        data: data.labels,
        axisLabel: { width: 180, overflow: "truncate" }
      },
      series: [{
        name: element.getAttribute("data-series") || "数量",
        type: "bar",
        data: data.values,
        itemStyle: { color: "#1b5fa8" },
        label: { show: true, position: "right" }
      }],
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily }
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  // The policy allows no style attributes (style-src 'self'), and ECharts writes its HTML
  // tooltips with them, which the browser refuses; a tooltip drawn on the chart's canvas
  // (richText) needs none. Every chart of the site, this file's and evaluation.js's, goes
  // through the preprocessor: this handler runs before any other file draws a chart.
  function drawTooltipsOnCanvas() {
    window.echarts.registerPreprocessor(function (option) {
      [].concat(option.tooltip || []).forEach(function (tooltip) {
        if (tooltip && typeof tooltip === "object") tooltip.renderMode = "richText";
      });
    });
  }

  function setupCharts() {
    if (!window.echarts) return;
    drawTooltipsOnCanvas();
    document.querySelectorAll("[data-chart-source]").forEach(function (element) {
      var source = document.getElementById(element.getAttribute("data-chart-source"));
      if (!source) return;
      barChart(element, JSON.parse(source.textContent));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupNavToggle();
    setupCharts();
  });
})();
