// A touchpoint card's trend as one SVG line. The map draws a dozen of them on
// its first load; as Chart.js charts they cost it about 20 ms each (a canvas,
// a resize observer and a layout pass apiece), as SVG next to nothing.
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 100;
const HEIGHT = 30;

/** An SVG filling its box with the points' scores joined left to right (gaps are bridged, as the curve does). */
export function sparkline(points, color) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('width', '100%');
  svg.setAttribute('height', '100%');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const known = points.map((p, i) => ({ i, score: p.score })).filter((p) => p.score !== null && p.score !== undefined);
  if (known.length < 2) return svg;
  const scores = known.map((p) => p.score);
  const low = Math.min(...scores);
  const span = Math.max(...scores) - low || 1;
  const last = points.length - 1;
  // 2 units of room above and below, so the stroke is not cut at the extremes.
  const coords = known.map(
    (p) => `${((p.i / last) * WIDTH).toFixed(2)},${(HEIGHT - 2 - ((p.score - low) / span) * (HEIGHT - 4)).toFixed(2)}`,
  );
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', coords.join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', color);
  line.setAttribute('stroke-width', '2');
  line.setAttribute('stroke-linejoin', 'round');
  line.setAttribute('vector-effect', 'non-scaling-stroke'); // 2 px whatever the card's width
  svg.append(line);
  return svg;
}
