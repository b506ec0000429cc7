import type { BenchResult } from './bench-result.ts';

/**
 * The bench's chart as hand-written SVG: time per question and memory against the number of documents,
 * ours and the peers, both axes logarithmic. No chart library: a few lines, points and labels.
 */

interface Point {
  x: number;
  y: number;
  /** Drawn as "at least": the peer was stopped before answering. */
  lowerBound?: boolean;
}

interface Series {
  name: string;
  color: string;
  dashed?: boolean;
  points: Point[];
}

interface Panel {
  title: string;
  unit: (value: number) => string;
  series: Series[];
  /** A horizontal reference line (a target). */
  target?: { value: number; label: string };
}

const WIDTH = 980;
const HEIGHT = 470;
const PANEL_WIDTH = 400;
const PANEL_HEIGHT = 290;
const TOP = 70;
const LEFTS = [80, 570];
const COLORS = {
  ours: '#1f5fbf',
  langchain: '#d9730d',
  orama: '#2e8b57',
  target: '#b03030',
  grid: '#e3e3e3',
  text: '#222',
};

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const log10 = (value: number): number => Math.log10(value);

function decades(min: number, max: number): number[] {
  const values: number[] = [];
  for (let exponent = Math.floor(log10(min)); exponent <= Math.ceil(log10(max)); exponent++)
    values.push(10 ** exponent);
  return values;
}

function documentsLabel(documents: number): string {
  return documents < 1000 ? `${documents} (seeds)` : `${documents / 1000}k`;
}

function drawPanel(panel: Panel, left: number, xs: number[]): string {
  const values = panel.series.flatMap((series) => series.points.map((point) => point.y)).filter((y) => y > 0);
  if (panel.target) values.push(panel.target.value);
  const yTicks = decades(Math.min(...values), Math.max(...values));
  const [yMin, yMax] = [log10(yTicks[0]!), log10(yTicks.at(-1)!)];
  const [xMin, xMax] = [log10(Math.min(...xs)) - 0.15, log10(Math.max(...xs)) + 0.15];
  const px = (x: number): number => left + ((log10(x) - xMin) / (xMax - xMin)) * PANEL_WIDTH;
  const py = (y: number): number => TOP + PANEL_HEIGHT - ((log10(y) - yMin) / (yMax - yMin)) * PANEL_HEIGHT;
  const parts: string[] = [];
  parts.push(
    `<text x="${left}" y="${TOP - 18}" font-size="15" font-weight="bold" fill="${COLORS.text}">${escapeXml(panel.title)}</text>`,
  );
  for (const tick of yTicks) {
    const y = py(tick).toFixed(1);
    parts.push(`<line x1="${left}" y1="${y}" x2="${left + PANEL_WIDTH}" y2="${y}" stroke="${COLORS.grid}"/>`);
    parts.push(
      `<text x="${left - 8}" y="${y}" font-size="11" text-anchor="end" dominant-baseline="middle" fill="${COLORS.text}">${escapeXml(panel.unit(tick))}</text>`,
    );
  }
  // With few decades, 2× and 5× marks too, so values can be read between them.
  if (yTicks.length <= 4) {
    for (const tick of yTicks.slice(0, -1).flatMap((decade) => [decade * 2, decade * 5])) {
      const y = py(tick).toFixed(1);
      parts.push(
        `<line x1="${left}" y1="${y}" x2="${left + PANEL_WIDTH}" y2="${y}" stroke="${COLORS.grid}" stroke-dasharray="1 3"/>`,
      );
      parts.push(
        `<text x="${left - 8}" y="${y}" font-size="10" text-anchor="end" dominant-baseline="middle" fill="#777">${escapeXml(panel.unit(tick))}</text>`,
      );
    }
  }
  for (const x of xs) {
    const at = px(x).toFixed(1);
    parts.push(`<line x1="${at}" y1="${TOP}" x2="${at}" y2="${TOP + PANEL_HEIGHT}" stroke="${COLORS.grid}"/>`);
    parts.push(
      `<text x="${at}" y="${TOP + PANEL_HEIGHT + 18}" font-size="11" text-anchor="middle" fill="${COLORS.text}">${escapeXml(documentsLabel(x))}</text>`,
    );
  }
  parts.push(
    `<rect x="${left}" y="${TOP}" width="${PANEL_WIDTH}" height="${PANEL_HEIGHT}" fill="none" stroke="#999"/>`,
  );
  parts.push(
    `<text x="${left + PANEL_WIDTH / 2}" y="${TOP + PANEL_HEIGHT + 38}" font-size="12" text-anchor="middle" fill="${COLORS.text}">documents in the knowledge base</text>`,
  );
  if (panel.target) {
    const y = py(panel.target.value).toFixed(1);
    parts.push(
      `<line x1="${left}" y1="${y}" x2="${left + PANEL_WIDTH}" y2="${y}" stroke="${COLORS.target}" stroke-dasharray="2 4"/>`,
    );
    parts.push(
      `<text x="${left + 4}" y="${Number(y) - 5}" font-size="11" fill="${COLORS.target}">${escapeXml(panel.target.label)}</text>`,
    );
  }
  for (const series of panel.series) {
    const points = series.points.filter((point) => point.y > 0);
    if (points.length === 0) continue;
    const path = points.map((point) => `${px(point.x).toFixed(1)},${py(point.y).toFixed(1)}`).join(' ');
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    if (points.length > 1)
      parts.push(`<polyline points="${path}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>`);
    for (const point of points) {
      const [x, y] = [px(point.x).toFixed(1), py(point.y).toFixed(1)];
      if (point.lowerBound) {
        // An upward triangle: the value is at least this.
        parts.push(
          `<path d="M ${x} ${Number(y) - 7} L ${Number(x) - 6} ${Number(y) + 4} L ${Number(x) + 6} ${Number(y) + 4} Z" fill="${series.color}"/>`,
        );
      } else {
        parts.push(
          `<circle cx="${x}" cy="${y}" r="3.5" fill="${series.dashed ? 'white' : series.color}" stroke="${series.color}" stroke-width="2"/>`,
        );
      }
    }
  }
  return parts.join('\n');
}

function milliseconds(value: number): string {
  if (value >= 1000) return `${value / 1000} s`;
  return `${value} ms`;
}

export function performanceChart(result: BenchResult): string {
  const xs = [...new Set(result.sizes.map((size) => size.documents))].sort((a, b) => a - b);
  const peerSeries = (name: 'langchain' | 'orama', value: 'time' | 'memory'): Point[] =>
    result.peers.flatMap((peer) => {
      if (peer.name !== name || peer.documents === null) return [];
      if (value === 'memory') return peer.rssMb === null ? [] : [{ x: peer.documents, y: peer.rssMb }];
      if (peer.meanMs !== null) return [{ x: peer.documents, y: peer.meanMs }];
      return peer.unansweredAfterMs ? [{ x: peer.documents, y: peer.unansweredAfterMs, lowerBound: true }] : [];
    });
  const time: Panel = {
    title: 'Time per question (log scale)',
    unit: milliseconds,
    target: { value: 20, label: 'target: p99 < 20 ms at 10k' },
    series: [
      {
        name: 'ours: answer p99 (assistant)',
        color: COLORS.ours,
        dashed: true,
        points: result.sizes.map((size) => ({ x: size.documents, y: size.answer.p99Ms })),
      },
      {
        name: 'ours: answer p50 (assistant)',
        color: COLORS.ours,
        points: result.sizes.map((size) => ({ x: size.documents, y: size.answer.p50Ms })),
      },
      {
        name: 'ours: top 5 search, mean',
        color: '#7aa7e8',
        points: result.sizes.map((size) => ({ x: size.documents, y: size.retrievalMeanMs })),
      },
      { name: 'LangChain BM25Retriever, mean', color: COLORS.langchain, points: peerSeries('langchain', 'time') },
      { name: 'Orama, mean (▲ = at least: stopped)', color: COLORS.orama, points: peerSeries('orama', 'time') },
    ],
  };
  const memory: Panel = {
    title: 'Process memory, RSS (log scale)',
    unit: (value) => `${value} MB`,
    target: { value: 300, label: 'target: < 300 MB at 100k' },
    series: [
      {
        name: 'ours: peak during build',
        color: COLORS.ours,
        dashed: true,
        points: result.sizes.map((size) => ({ x: size.documents, y: size.peakRssMb })),
      },
      {
        name: 'ours: settled after build',
        color: COLORS.ours,
        points: result.sizes.map((size) => ({ x: size.documents, y: size.rssMb })),
      },
      { name: 'LangChain BM25Retriever', color: COLORS.langchain, points: peerSeries('langchain', 'memory') },
      { name: 'Orama', color: COLORS.orama, points: peerSeries('orama', 'memory') },
    ],
  };
  const legend = [...time.series, ...memory.series.filter((series) => series.name.startsWith('ours'))];
  const legendItems = legend.map((series, i) => {
    const column = i % 4;
    const row = Math.floor(i / 4);
    const x = 40 + column * 235;
    const y = TOP + PANEL_HEIGHT + 66 + row * 20;
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    return `<line x1="${x}" y1="${y}" x2="${x + 26}" y2="${y}" stroke="${series.color}" stroke-width="2"${dash}/><text x="${x + 32}" y="${y}" font-size="11" dominant-baseline="middle" fill="${COLORS.text}">${escapeXml(series.name)}</text>`;
  });
  const { machine } = result;
  const footer = `${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node.replace(/^v/, '')}; ${result.generatedAt.slice(0, 10)}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif">
<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>
<text x="${WIDTH / 2}" y="26" font-size="17" font-weight="bold" text-anchor="middle" fill="${COLORS.text}">hoidap-cntt: speed and memory against knowledge base size</text>
${drawPanel(time, LEFTS[0]!, xs)}
${drawPanel(memory, LEFTS[1]!, xs)}
${legendItems.join('\n')}
<text x="${WIDTH - 10}" y="${HEIGHT - 8}" font-size="10" text-anchor="end" fill="#666">${escapeXml(footer)}</text>
</svg>
`;
}
