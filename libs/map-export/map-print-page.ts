// The journey map as one self-contained print page: no script, no outside request (the renderer blocks them all),
// every text from the map escaped. Columns per stage with its goal, actions, touchpoint cards (score, n, target met
// or missed, owner), top themes with a quote and pain points; above them the emotion curve from scores and the
// comment sentiment line on one −1..1 axis.
import type { JourneyMapResponse, MapStageResponse, MapTouchpointResponse } from '@cairn/scores';

export interface PrintOptions {
  /** Who the map is read for, when a persona was chosen. */
  persona?: { name: string } | null;
  /** When the page was made, printed in the footer. */
  generatedAt: Date;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text into HTML (element content or a quoted attribute). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const METRIC_LABEL: Record<string, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };
const REASON_LABEL: Record<string, string> = { below_target: 'below target', significant_drop: 'significantly down' };

function scoreText(tp: MapTouchpointResponse): string {
  if (tp.score === null) return '—';
  return tp.metric === 'csat' ? `${tp.score}%` : String(tp.score);
}

function signed(x: number): string {
  return x > 0 ? `+${x}` : x < 0 ? `−${Math.abs(x)}` : '0';
}

// The cards' red–blue scale (style.md): red-side below neutral, blue-side at or above, deeper further out.
function tone(emotion: number | null): string {
  if (emotion === null) return 'none';
  if (emotion < 0) return emotion <= -0.5 ? 'neg3' : emotion <= -0.2 ? 'neg2' : 'neg1';
  return emotion >= 0.5 ? 'pos3' : emotion >= 0.2 ? 'pos2' : 'pos1';
}

function touchpointCard(tp: MapTouchpointResponse): string {
  const metric = tp.metric ? METRIC_LABEL[tp.metric] : 'No survey';
  const target =
    tp.target === null
      ? ''
      : `<div class="target ${tp.targetMet === true ? 'met' : tp.targetMet === false ? 'missed' : ''}">Target ${escapeHtml(
          tp.metric === 'csat' ? `${tp.target}%` : tp.target,
        )}${tp.targetMet === true ? ' — met' : tp.targetMet === false ? ' — missed' : ''}</div>`;
  const delta =
    tp.delta === null ? '' : `<span class="delta${tp.previous?.significant ? ' sig' : ''}">${escapeHtml(signed(tp.delta))}</span>`;
  return `<div class="tp ${tone(tp.emotion)}${tp.reliable ? '' : ' low'}">
    <div class="tp-name">${escapeHtml(tp.name)}</div>
    <div class="tp-score"><span class="metric">${escapeHtml(metric)}</span> <b>${escapeHtml(scoreText(tp))}</b> ${delta}</div>
    <div class="tp-n">n ${escapeHtml(tp.n)}${tp.n > 0 && !tp.reliable ? ' · low n' : ''}</div>
    ${target}
    ${tp.owner ? `<div class="owner">Owner: ${escapeHtml(tp.owner)}</div>` : ''}
  </div>`;
}

function stageColumn(stage: MapStageResponse): string {
  const goal = stage.customerGoal ? `<div class="goal"><h3>Goal</h3><p>${escapeHtml(stage.customerGoal)}</p></div>` : '';
  const actions = stage.customerActions.length
    ? `<div class="actions"><h3>Actions</h3><ul>${stage.customerActions.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul></div>`
    : '';
  const themes = stage.topThemes.length
    ? `<div class="themes"><h3>Themes</h3>${stage.topThemes
        .map(
          (t) =>
            `<div class="theme"><b>${escapeHtml(t.name)}</b> · ${escapeHtml(t.mentions)} mention${t.mentions === 1 ? '' : 's'}, ${escapeHtml(
              Math.round(t.negativeShare * 100),
            )}% negative${t.quote ? `<q>${escapeHtml(t.quote.text)}</q>` : ''}</div>`,
        )
        .join('')}</div>`
    : '';
  const pains = stage.painPoints.length
    ? `<div class="pains"><h3>Pain points</h3><ul>${stage.painPoints
        .map((p) => `<li><b>${escapeHtml(p.name)}</b>: ${escapeHtml(p.reasons.map((r) => REASON_LABEL[r] ?? r).join(', '))}</li>`)
        .join('')}</ul></div>`
    : '';
  const sentiment = stage.sentiment === null ? '' : ` · comments ${escapeHtml(signed(stage.sentiment))} (${escapeHtml(stage.sentimentN)})`;
  return `<section class="stage">
    <h2>${escapeHtml(stage.name)}</h2>
    <div class="stage-meta">n ${escapeHtml(stage.n)}${stage.emotion === null ? '' : ` · emotion ${escapeHtml(signed(stage.emotion))}`}${sentiment}</div>
    ${goal}${actions}
    <div class="tps">${stage.touchpoints.map(touchpointCard).join('') || '<p class="empty">No touchpoints</p>'}</div>
    ${themes}${pains}
  </section>`;
}

/** The emotion curve (scores) and the sentiment line (comments) as inline SVG, one point per stage column. */
function curve(stages: MapStageResponse[]): string {
  const width = 1000;
  const height = 120;
  const x = (i: number) => ((i + 0.5) * width) / Math.max(stages.length, 1);
  const y = (v: number) => height / 2 - (v * (height - 20)) / 2;
  const line = (values: Array<number | null>, cls: string) => {
    const points = values.flatMap((v, i) => (v === null ? [] : [`${x(i).toFixed(1)},${y(v).toFixed(1)}`]));
    if (points.length === 0) return '';
    const dots = values
      .map((v, i) => (v === null ? '' : `<circle class="${cls}" cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="5"/>`))
      .join('');
    return `<polyline class="${cls}" points="${points.join(' ')}"/>${dots}`;
  };
  const sentiment = stages.some((s) => s.sentiment !== null);
  return `<div class="curve"><svg viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="Emotion curve">
      <line class="axis" x1="0" y1="${y(0)}" x2="${width}" y2="${y(0)}"/>
      ${line(
        stages.map((s) => s.emotion),
        'emotion',
      )}
      ${
        sentiment
          ? line(
              stages.map((s) => s.sentiment),
              'sentiment',
            )
          : ''
      }
    </svg>
    <div class="legend"><span class="k emotion"></span> Emotion from scores${sentiment ? ' <span class="k sentiment"></span> Comment sentiment' : ''} · −1 to +1, neutral at the line</div>
  </div>`;
}

const STYLE = `
  @page { size: A4 landscape; margin: 10mm; }
  * { box-sizing: border-box; }
  body { margin: 0; padding: 24px; font: 13px/1.35 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #1d2330; background: #fff; }
  header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 2px solid #1d2330; padding-bottom: 8px; }
  h1 { font-size: 22px; margin: 0; }
  .range { color: #4a5263; }
  .curve { margin: 12px 0 4px; }
  .curve svg { width: 100%; height: 120px; display: block; }
  .axis { stroke: #9aa1ad; stroke-dasharray: 4 4; }
  polyline { fill: none; stroke-width: 3; }
  polyline.emotion { stroke: #1f5fa8; } circle.emotion { fill: #1f5fa8; }
  polyline.sentiment { stroke: #b3541e; stroke-dasharray: 8 5; } circle.sentiment { fill: #b3541e; }
  .legend { color: #4a5263; font-size: 11px; }
  .k { display: inline-block; width: 18px; height: 0; border-top: 3px solid #1f5fa8; vertical-align: middle; }
  .k.sentiment { border-top: 3px dashed #b3541e; }
  .stages { display: grid; grid-auto-flow: column; grid-auto-columns: minmax(0, 1fr); gap: 10px; margin-top: 10px; }
  .stage { border: 1px solid #c9ced6; border-radius: 6px; padding: 8px; break-inside: avoid; }
  h2 { font-size: 15px; margin: 0 0 2px; }
  h3 { font-size: 10px; text-transform: uppercase; letter-spacing: .05em; color: #4a5263; margin: 8px 0 2px; }
  .stage-meta { color: #4a5263; font-size: 11px; }
  p, ul { margin: 0; } ul { padding-left: 16px; }
  .tps { display: grid; gap: 6px; margin-top: 8px; }
  .tp { border: 1px solid #c9ced6; border-radius: 5px; padding: 6px; }
  .tp.low { border-style: dashed; }
  .tp-name { font-weight: bold; }
  .tp-score b { font-size: 18px; }
  .metric, .tp-n, .owner { color: #4a5263; font-size: 11px; }
  .delta { font-size: 11px; } .delta.sig { font-weight: bold; }
  .target { font-size: 11px; } .target.met { color: #1f5fa8; } .target.missed { color: #a3262a; font-weight: bold; }
  .neg3 { background: #f4c7c3; } .neg2 { background: #f9dcd9; } .neg1 { background: #fcefed; }
  .pos1 { background: #eef4fb; } .pos2 { background: #dbe8f7; } .pos3 { background: #c3d8f1; }
  .theme { margin-bottom: 4px; font-size: 12px; }
  q { display: block; color: #4a5263; font-style: italic; font-size: 11px; }
  .pains li { color: #a3262a; }
  .empty { color: #4a5263; }
  footer { margin-top: 12px; color: #4a5263; font-size: 10px; }
`;

/** The whole page. */
export function mapPrintPage(map: JourneyMapResponse, options: PrintOptions): string {
  const day = (iso: string) => iso.slice(0, 10);
  const persona = options.persona ? ` · persona ${escapeHtml(options.persona.name)}` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(map.journey.name)} — journey map</title>
<style>${STYLE}</style></head>
<body>
<header><h1>${escapeHtml(map.journey.name)}</h1>
<div class="range">${escapeHtml(day(map.since))} to ${escapeHtml(day(map.until))} (${escapeHtml(map.tz)})${persona}</div></header>
${curve(map.stages)}
<main class="stages">${map.stages.map(stageColumn).join('') || '<p class="empty">This journey has no stages yet.</p>'}</main>
<footer>Cairn · made ${escapeHtml(options.generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC · scores with fewer answers than the workspace's minimum are dashed (low n)</footer>
</body></html>`;
}
