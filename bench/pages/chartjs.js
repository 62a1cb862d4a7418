// Host code of the Chart.js page: what a newsroom writes to show growth-2019 with Chart.js
// as the same chart as ours — horizontal bars on a % axis, the Q1 2020 bar in the second
// colour with a legend naming both periods, value labels at the bar ends, title, source
// line, tooltips, a highlighted bar on hover — at the size of ours. Counted in the size
// comparison with chart.umd.min.js and the data file. No animation (as ours).
"use strict";
(() => {
  const d = window.GROWTH_2019;
  const FONT =
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
  const TEXT = "#1f1f1f";
  const MUTED = "#595959";
  const COLOURS = ["#0072b2", "#d55e00"]; // our light theme's primary and secondary
  const periods = [...new Set(d.figures.map((f) => f.period))];
  const colour = (f) => COLOURS[Math.min(periods.indexOf(f.period), 1)];

  const box = document.getElementById("chart-box");
  // Without a width, the column's (the mobile reader's article); the height is the one its
  // stylesheet reserves there.
  if (d.width) box.style.width = `${d.width}px`;
  box.style.height = `${d.height}px`;

  // Value labels at the bar ends (Chart.js has none built in).
  const valueLabels = {
    id: "valueLabels",
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.font = `bold 13px ${FONT}`;
      ctx.fillStyle = TEXT;
      ctx.textBaseline = "middle";
      chart.getDatasetMeta(0).data.forEach((bar, i) => ctx.fillText(d.figures[i].valueText, bar.x + 6, bar.y));
      ctx.restore();
    },
  };

  Chart.defaults.font.family = FONT;
  new Chart(box.querySelector("canvas"), {
    type: "bar",
    data: {
      labels: d.figures.map((f) => f.axisLabel),
      datasets: [
        {
          data: d.figures.map((f) => f.value),
          backgroundColor: d.figures.map(colour),
          hoverBackgroundColor: d.figures.map(colour),
          hoverBorderColor: TEXT,
          hoverBorderWidth: 2,
          borderWidth: 0,
        },
      ],
    },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      layout: { padding: { right: 48 } },
      scales: {
        x: { beginAtZero: true, grid: { color: "#dddddd" }, ticks: { color: MUTED } },
        y: { grid: { display: false }, ticks: { color: TEXT, font: { size: 13 } } },
      },
      plugins: {
        title: { display: true, text: d.title, align: "start", color: TEXT, font: { size: 16, weight: "bold" } },
        subtitle: { display: true, text: d.source, position: "bottom", align: "start", color: MUTED },
        legend: {
          position: "bottom",
          align: "start",
          onClick: () => {},
          labels: {
            color: TEXT,
            generateLabels: () =>
              periods.map((p, k) => ({ text: p, fillStyle: COLOURS[k], strokeStyle: COLOURS[k], lineWidth: 0 })),
          },
        },
        tooltip: {
          callbacks: {
            title: (items) => d.figures[items[0].dataIndex].label,
            label: (item) => d.figures[item.dataIndex].valueText,
            afterLabel: (item) => d.figures[item.dataIndex].period,
          },
        },
      },
    },
    plugins: [valueLabels],
  });
  // The equivalent of our infographic:ready (the chart is drawn: animation is off).
  document.dispatchEvent(new CustomEvent("bench:ready"));
})();
