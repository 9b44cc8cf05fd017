/* Dashboard and business-case charts. Data comes from a json_script block
   (CSP-safe: data, not script); every chart repeats a table on the page. */
(function () {
  "use strict";
  var node = document.getElementById("monitoring-data");
  if (!node || typeof Chart === "undefined") { return; }
  var data = JSON.parse(node.textContent);
  if (!data) { return; }
  var colours = ["#c00000", "#1f5fa8", "#2e7d32", "#8e44ad", "#e67e22", "#00838f", "#6d4c41", "#546e7a"];
  var pct = function (v) { return v === null || v === undefined ? "x" : v.toFixed(1) + "%"; };

  function make(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) { new Chart(canvas, config); }
  }
  function base(extra) {
    var o = { responsive: true, maintainAspectRatio: false, animation: false,
              plugins: { legend: { position: "bottom" } } };
    for (var k in extra) { o[k] = extra[k]; }
    return o;
  }

  if (data.funnel) {
    make("chart-funnel", { type: "bar",
      data: { labels: data.funnel.labels, datasets: [
        { label: "Max-WW-keten", data: data.funnel.chain, backgroundColor: colours[1] },
        { label: "Uitstroom uit de WW (ook zonder programma)", data: data.funnel.exits, backgroundColor: colours[6] }
      ] },
      options: base({ indexAxis: "y", scales: { x: { stacked: true }, y: { stacked: true } } }) });
  }
  if (data.backtest) {
    var bt = data.backtest;
    make("chart-backtest", { type: "bar",
      data: { labels: bt.labels, datasets: [
        { type: "line", label: "Bovengrens 90%", data: bt.high, borderColor: "#000", borderWidth: 2, showLine: false, pointStyle: "line", pointRadius: 16, order: 1 },
        { type: "line", label: "Ondergrens 90%", data: bt.low, borderColor: "#000", borderWidth: 2, showLine: false, pointStyle: "line", pointRadius: 16, order: 1 },
        { type: "line", label: "Voorspeld", data: bt.predicted, borderColor: colours[1], backgroundColor: colours[1], showLine: false, pointRadius: 6, order: 1 },
        { label: "Werkelijk naar bijstand", data: bt.actual, backgroundColor: colours[0], maxBarThickness: 80, order: 2 }
      ] },
      options: base({ scales: { y: { beginAtZero: true } } }) });
  }
  if (data.durability) {
    make("chart-durability", { type: "bar",
      data: { labels: data.durability.labels,
              datasets: [{ label: "Werkt nog (%)", data: data.durability.values, backgroundColor: colours[2], maxBarThickness: 80 }] },
      options: base({ scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: "%" } } } }) });
  }
  if (data.regions) {
    var ref = data.regions.reference;
    make("chart-regions", { type: "bar",
      data: { labels: data.regions.labels, datasets: [
        { type: "bar", label: "Doorstroom %", data: data.regions.values, backgroundColor: colours[0] },
        { type: "line", label: "Landelijk " + ref[0] + "–" + ref[1] + "%", data: data.regions.labels.map(function () { return ref[1]; }),
          borderColor: "#000", borderDash: [6, 4], pointRadius: 0, fill: false }
      ] },
      options: base({ scales: { y: { beginAtZero: true, title: { display: true, text: "%" } } },
                      plugins: { legend: { position: "bottom" }, tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + pct(c.raw); } } } } }) });
  }
  if (data.trend) {
    var sets = data.trend.series.map(function (s, i) {
      return { label: s.label, data: s.values, borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length], pointRadius: 0, spanGaps: false, fill: false };
    });
    sets.push({ label: "Landelijk", data: data.trend.labels.map(function () { return data.trend.reference; }), borderColor: "#000", borderDash: [6, 4], pointRadius: 0, fill: false });
    make("chart-trend", { type: "line", data: { labels: data.trend.labels, datasets: sets },
      options: base({ scales: { y: { beginAtZero: true, title: { display: true, text: "% (12 maanden)" } } } }) });
  }
  if (data.forecast) {
    make("chart-forecast", { type: "line",
      data: { labels: data.forecast.labels, datasets: [
        { label: "Bovengrens 90%", data: data.forecast.high, borderColor: "#9e9e9e", backgroundColor: "rgba(31,95,168,0.15)", fill: "+1", pointRadius: 0 },
        { label: "Ondergrens 90%", data: data.forecast.low, borderColor: "#9e9e9e", fill: false, pointRadius: 0 },
        { label: "Verwacht", data: data.forecast.mean, borderColor: colours[1], fill: false,
          segment: { borderDash: function (ctx) { return data.forecast.partial[ctx.p1DataIndex] ? [6, 4] : undefined; } } }
      ] },
      options: base({ scales: { y: { beginAtZero: true } } }) });
  }
  if (data.business_case) {
    var bc = data.business_case;
    make("chart-business-case", { type: "bar",
      data: { labels: bc.labels, datasets: [{ label: "€ per jaar", data: bc.values, backgroundColor: [colours[0], colours[2], colours[1]] }] },
      options: base({ plugins: { legend: { display: false } } }) });
    if (bc.range) {
      make("chart-business-range", { type: "line",
        data: { labels: bc.range.map(function (r) { return r.effect + "%"; }), datasets: [
          { label: "Netto resultaat (€)", data: bc.range.map(function (r) { return r.net; }), borderColor: colours[1], fill: false },
          { label: "Break-even (€ 0)", data: bc.range.map(function () { return 0; }), borderColor: "#000", borderDash: [6, 4], pointRadius: 0, fill: false }
        ] },
        options: base({}) });
    }
  }

  /* Business case: keep each range slider and its number box in step. */
  document.querySelectorAll("[data-mx-range]").forEach(function (slider) {
    var box = document.getElementById(slider.getAttribute("data-mx-range"));
    if (!box) { return; }
    slider.addEventListener("input", function () { box.value = slider.value; });
    box.addEventListener("input", function () { slider.value = box.value; });
  });
})();
