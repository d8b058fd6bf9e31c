import type { Canvas, createCanvas } from "@napi-rs/canvas";
import type { Chart as ChartClass, ChartConfiguration, ChartItem, Plugin } from "chart.js";
import { NOTO_SANS_SC, registerNotoSansSc } from "../../fonts/noto-sans-sc.js";
import type { ChartSpec, TextRef } from "../../outbox/payload.js";
import { wrapText } from "../../print/wrap-text.js";

const FONT = NOTO_SANS_SC;
const WIDTH = 1600;
const HEIGHT = 900;
const PIE_WIDTH = 560;
const SERIES_COLOURS = ["#2f6fb2", "#f0a030", "#3aa36b", "#c8504b", "#7d5ba6", "#5a9fb0"];
const PIE_COLOURS = ["#c8504b", "#f0a030", "#3aa36b", "#2f6fb2", "#7d5ba6", "#9aa0a6", "#5a9fb0", "#d97fb0"];

interface Drawing {
  Chart: typeof ChartClass;
  createCanvas: typeof createCanvas;
}
let drawing: Promise<Drawing> | undefined;
/**
 * Chart.js, the canvas and a font with Chinese glyphs, loaded and set up on the first chart of the
 * process rather than at start.
 */
function prepare(): Promise<Drawing> {
  drawing ??= (async () => {
    const [{ Chart, registerables }, { createCanvas }] = await Promise.all([import("chart.js"), import("@napi-rs/canvas"), registerNotoSansSc()]);
    Chart.register(...registerables);
    Chart.defaults.font.family = FONT;
    Chart.defaults.color = "#222222";
    return { Chart, createCanvas };
  })();
  return drawing;
}

/** Chart.js leaves the canvas transparent; Telegram would show that as black. */
const whiteBackground: Plugin = {
  id: "white-background",
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Draws one chart onto the page at `x`; a destroyed chart clears its canvas, so it is copied first. */
function drawAt({ Chart, createCanvas }: Drawing, page: Canvas, x: number, width: number, height: number, config: ChartConfiguration): void {
  const canvas = createCanvas(width, height);
  // Chart.js wants a DOM canvas; @napi-rs/canvas's has the same drawing API.
  const chart = new Chart(canvas as unknown as ChartItem, { ...config, plugins: [whiteBackground, ...(config.plugins ?? [])] });
  page.getContext("2d").drawImage(canvas, x, 0);
  chart.destroy();
}

const TARGET_COLOUR = "#d62728";

/** A dashed line across the bars at the target value, labelled at its end, over the bars. */
function targetLine(target: { value: number; label: string }, horizontal: boolean): Plugin {
  return {
    id: "target-line",
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      const scale = chart.scales[horizontal ? "x" : "y"]!;
      const at = scale.getPixelForValue(target.value);
      ctx.save();
      ctx.strokeStyle = TARGET_COLOUR;
      ctx.lineWidth = 3;
      ctx.setLineDash([14, 8]);
      ctx.beginPath();
      if (horizontal) {
        ctx.moveTo(at, chartArea.top - 6);
        ctx.lineTo(at, chartArea.bottom);
      } else {
        ctx.moveTo(chartArea.left, at);
        ctx.lineTo(chartArea.right, at);
      }
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = TARGET_COLOUR;
      ctx.font = `20px "${FONT}"`;
      if (horizontal) {
        ctx.textAlign = "center";
        ctx.fillText(target.label, Math.min(at, chartArea.right - ctx.measureText(target.label).width / 2), chartArea.top - 12);
      } else {
        // On a white patch above the line, so neither bars nor the line run through the words.
        const width = ctx.measureText(target.label).width;
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(chartArea.right - width - 8, at - 30, width + 8, 26);
        ctx.fillStyle = TARGET_COLOUR;
        ctx.textAlign = "right";
        ctx.fillText(target.label, chartArea.right - 4, at - 10);
      }
      ctx.restore();
    },
  };
}

/** Bars lie down once there are more names than fit side by side, or a name is long. */
const LYING_AFTER = 8;
const LABEL_WIDTH = 420;
const LABEL_FONT = 18;
const LABEL_LINE = 22;

/** Names broken into lines of at most LABEL_WIDTH, so a long team name is shown whole, not cut. */
function labelLines(drawing: Drawing, labels: string[]): string[][] {
  const g = drawing.createCanvas(10, 10).getContext("2d");
  g.font = `${LABEL_FONT}px "${FONT}"`;
  return labels.map((label) => wrapText(label, LABEL_WIDTH, (s) => g.measureText(s).width));
}

interface BarsLayout {
  horizontal: boolean;
  labels: string[][];
  height: number;
}

/**
 * Few short names: bars stand side by side on a 900 px page. Many or long names: bars lie down,
 * one group per row, and the page grows with the rows, so 24 teams with long names all show.
 */
function barsLayout(drawing: Drawing, spec: ChartSpec): BarsLayout {
  const labels = labelLines(drawing, spec.bars.labels);
  const horizontal = labels.length > LYING_AFTER || labels.some((l) => l.length > 1);
  if (!horizontal) return { horizontal, labels, height: HEIGHT };
  const rows = labels.reduce((sum, l) => sum + Math.max(spec.bars.series.length * 16 + 20, l.length * LABEL_LINE + 16), 0);
  return { horizontal, labels, height: Math.max(HEIGHT, rows + 260) };
}

function barsConfig(spec: ChartSpec, layout: BarsLayout, text: (ref: TextRef) => string): ChartConfiguration {
  const { bars } = spec;
  const valueAxis = bars.percent ? { beginAtZero: true, max: 100, ticks: { font: { size: 18 }, callback: (v: string | number) => `${v}%` } } : { beginAtZero: true, ticks: { font: { size: 18 } } };
  const nameAxis = layout.horizontal
    ? { ticks: { font: { size: LABEL_FONT }, autoSkip: false, lineHeight: LABEL_LINE / LABEL_FONT } }
    : { ticks: { font: { size: bars.labels.length > 16 ? 14 : 18 }, autoSkip: false, maxRotation: 60 } };
  return {
    type: "bar",
    data: {
      labels: layout.labels,
      datasets: bars.series.map((s, i) => ({ label: text(s.label), data: s.values, backgroundColor: SERIES_COLOURS[i % SERIES_COLOURS.length] })),
    },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      indexAxis: layout.horizontal ? "y" : "x",
      // Room above the bars for the target line's label.
      layout: { padding: { top: bars.target ? 36 : 16, right: 24, bottom: 16, left: 16 } },
      plugins: { title: { display: true, text: text(spec.title), font: { size: 28 } }, legend: { position: layout.horizontal ? "top" : "bottom", labels: { font: { size: 20 } } } },
      scales: layout.horizontal ? { x: valueAxis, y: nameAxis } : { x: nameAxis, y: valueAxis },
    },
    plugins: bars.target ? [targetLine({ value: bars.target.value, label: text(bars.target.label) }, layout.horizontal)] : [],
  };
}

function pieConfig(pie: NonNullable<ChartSpec["pie"]>, text: (ref: TextRef) => string): ChartConfiguration {
  return {
    type: "doughnut",
    data: { labels: pie.labels.map(text), datasets: [{ data: pie.values, backgroundColor: PIE_COLOURS }] },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      layout: { padding: { top: 80, bottom: 16, left: 16, right: 24 } },
      plugins: { title: { display: true, text: text(pie.title), font: { size: 22 } }, legend: { position: "bottom", labels: { font: { size: 18 } } } },
    },
  };
}

/**
 * Draws a review chart as a PNG: grouped bars with the target line, and a doughnut beside them
 * when the spec has one. `text` renders the spec's message keys in the reader's language.
 */
export async function chartPng(spec: ChartSpec, text: (ref: TextRef) => string): Promise<Buffer> {
  const tools = await prepare();
  const pieWidth = spec.pie ? PIE_WIDTH : 0;
  const layout = barsLayout(tools, spec);
  const page = tools.createCanvas(WIDTH, layout.height);
  const g = page.getContext("2d");
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, WIDTH, layout.height);
  drawAt(tools, page, 0, WIDTH - pieWidth, layout.height, barsConfig(spec, layout, text));
  if (spec.pie) drawAt(tools, page, WIDTH - pieWidth, pieWidth, HEIGHT, pieConfig(spec.pie, text));
  return page.encode("png");
}
