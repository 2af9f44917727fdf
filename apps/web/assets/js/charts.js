// Chart.js (served from /vendor, global `Chart`) behind three small helpers.
// Every chart is registered so a route change destroys it with its page.
import { h } from './dom.js';
import { bandOf } from './format.js';
import { formatDate, t } from './i18n.js';
import { CLASSES, emotionColors } from './score-scale.js';

const live = new Set();
const GRID = '#e4e7eb';

// Chart.js (about 200 KB) only for the pages that draw charts; index.html names its versioned URL and preloads it.
let loading = null;

/**
 * Resolves once `window.Chart` is there. Pages start it after asking for their data and await it just before drawing;
 * a page that draws nothing (no survey yet) never waits for it, nor reports its failure as unhandled.
 */
export function chartLibrary() {
  const pending = loadChartLibrary();
  pending.catch(() => {});
  return pending;
}

function loadChartLibrary() {
  loading ??= new Promise((resolve, reject) => {
    if (window.Chart) return resolve();
    const script = h('script', { src: document.querySelector('script[data-chart]')?.dataset.chart ?? '/vendor/chart.umd.min.js' });
    script.onload = resolve;
    script.onerror = () => {
      loading = null; // a later visit tries again
      reject(new Error(t('common.loadFailed')));
    };
    document.head.append(script);
  });
  return loading;
}

export function destroyCharts() {
  for (const chart of live) chart.destroy();
  live.clear();
}

function make(canvas, config) {
  const chart = new window.Chart(canvas, {
    ...config,
    options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options },
  });
  live.add(chart);
  return chart;
}

/**
 * The journey's emotion curve: one point per stage on −1..1, the zero line marked. A second, dashed line follows the
 * stages' mean comment sentiment (also −1..1) once comments are analysed; without any, the score line stands alone.
 */
export function emotionCurve(canvas, stages) {
  const sentiment = stages.some((s) => typeof s.sentiment === 'number')
    ? [
        {
          label: t('map.sentimentLine'),
          data: stages.map((s) => (typeof s.sentiment === 'number' ? s.sentiment : null)),
          tension: 0.4,
          borderColor: '#6d28d9',
          borderWidth: 2,
          borderDash: [6, 4],
          spanGaps: true,
          pointRadius: 4,
          pointStyle: 'rectRot',
          pointBackgroundColor: '#6d28d9',
          fill: false,
        },
      ]
    : [];
  return make(canvas, {
    type: 'line',
    data: {
      labels: stages.map((s) => s.name),
      datasets: [
        {
          label: t('map.scoreLine'),
          data: stages.map((s) => s.emotion),
          tension: 0.4,
          borderColor: '#0f766e',
          borderWidth: 3,
          spanGaps: true,
          pointRadius: 6,
          pointBackgroundColor: stages.map((s) => pointColor(s.emotion)),
          pointBorderColor: '#fff',
          pointBorderWidth: 2,
          // The scale's two sides (score-scale.js): blue above the neutral line, red below.
          fill: { target: { value: 0 }, above: 'rgba(67,147,195,0.12)', below: 'rgba(214,96,77,0.12)' },
        },
        ...sentiment,
      ],
    },
    options: {
      layout: { padding: { top: 8, bottom: 4 } },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (c) => t(c.datasetIndex === 0 ? 'map.emotionTooltip' : 'map.sentimentTooltip', { value: c.parsed.y?.toFixed(2) }),
          },
        },
      },
      scales: {
        x: { offset: true, grid: { display: false }, ticks: { display: false }, border: { display: false } },
        y: {
          min: -1,
          max: 1,
          ticks: { display: false },
          grid: { color: (c) => (c.tick.value === 0 ? '#9aa5b1' : 'transparent') },
          border: { display: false },
        },
      },
    },
  });
}

function pointColor(emotion) {
  return emotionColors(emotion).fill;
}

// Answer buckets in the scale's colours: the bottom bucket red-side, the top one blue-side, the middle grey.
const BUCKET_FILL = { low: CLASSES[1].fill, mid: '#9aa5b1', high: CLASSES[4].fill };

const MARKER = '#b45309';

/**
 * Where launches fall on the category axis, as fractional indexes: inside the interval that holds them, in proportion
 * to the time elapsed (the last interval is taken as long as the one before it). Launches outside the series are left out.
 */
export function markerPositions(series, markers) {
  const starts = series.map((p) => Date.parse(p.start));
  if (!starts.length) return [];
  const step = starts.length > 1 ? starts.at(-1) - starts.at(-2) : 86_400_000;
  return markers.flatMap((marker, i) => {
    const at = Date.parse(marker.at);
    const index = starts.findLastIndex((start) => start <= at);
    const next = starts[index + 1] ?? starts.at(-1) + step;
    if (index < 0 || at >= next) return [];
    return [{ x: index + (at - starts[index]) / (next - starts[index]), label: String(i + 1), title: marker.title }];
  });
}

// Vertical dashed lines with their number at the top; the numbers are explained in a list under the chart.
const launchMarkers = {
  id: 'launchMarkers',
  afterDatasetsDraw(chart, _args, options) {
    const { ctx, chartArea, scales } = chart;
    let previous = -Infinity;
    let row = 0;
    for (const marker of options.markers ?? []) {
      const x = scales.x.getPixelForValue(marker.x);
      // Launches close together: their numbers step down a line instead of printing over each other.
      row = x - previous < 14 ? row + 1 : 0;
      previous = x;
      ctx.save();
      ctx.strokeStyle = MARKER;
      ctx.lineWidth = 2;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top + 14);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.fillStyle = MARKER;
      ctx.font = 'bold 12px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.fillText(marker.label, x + (row ? 8 : 0), chartArea.top + 10 + row * 14);
      ctx.restore();
    }
  },
};

/** Score per interval with its 95% band (two invisible lines, the space between filled), and launches marked. */
export function scoreOverTime(canvas, metric, series, markers = []) {
  const labels = series.map((p) => formatDate(p.start));
  const band = 'rgba(15,118,110,0.15)';
  return make(canvas, {
    type: 'line',
    plugins: [launchMarkers],
    data: {
      labels,
      datasets: [
        {
          label: t('tp.ciHigh'),
          data: series.map((p) => p.ci95?.[1] ?? null),
          borderWidth: 0,
          pointRadius: 0,
          fill: false,
          spanGaps: true,
        },
        {
          label: t('tp.ci95'),
          data: series.map((p) => p.ci95?.[0] ?? null),
          borderWidth: 0,
          pointRadius: 0,
          backgroundColor: band,
          fill: '-1',
          spanGaps: true,
        },
        {
          label: t('tp.score'),
          data: series.map((p) => p.score),
          borderColor: '#0f766e',
          borderWidth: 2,
          pointRadius: 2,
          tension: 0.3,
          spanGaps: true,
        },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { display: false },
        launchMarkers: { markers: markerPositions(series, markers) },
        tooltip: { filter: (item) => item.datasetIndex === 2, callbacks: { afterLabel: (c) => `n = ${series[c.dataIndex].n}` } },
      },
      scales: { x: { grid: { display: false }, ticks: { maxTicksLimit: 8 } }, y: { ...SCORE_AXIS[metric], grid: { color: GRID } } },
    },
  });
}

// The metric's whole range, so a band never makes the axis jump between periods.
const SCORE_AXIS = { nps: { min: -100, max: 100 }, csat: { min: 0, max: 100 }, ces: { min: 1, max: 7 } };

/** Answers per score value, coloured by bucket (detractor/passive/promoter …). */
export function distributionBars(canvas, metric, distribution) {
  return make(canvas, {
    type: 'bar',
    data: {
      labels: distribution.map((d) => String(d.score)),
      datasets: [
        {
          data: distribution.map((d) => d.count),
          backgroundColor: distribution.map((d) => BUCKET_FILL[bandOf(metric, d.score)]),
          borderRadius: 4,
        },
      ],
    },
    options: {
      plugins: { legend: { display: false } },
      scales: { x: { grid: { display: false } }, y: { beginAtZero: true, grid: { color: GRID }, ticks: { precision: 0 } } },
    },
  });
}

/** A chart of a page's own shape (the key drivers' scatter), registered like the others so a route change destroys it. */
export function customChart(canvas, config) {
  return make(canvas, config);
}
