import type { Canvas, createCanvas } from "@napi-rs/canvas";
import type { Chart as ChartClass, ChartConfiguration, ChartItem, Plugin } from "chart.js";
import { NOTO_SANS_SC, registerNotoSansSc } from "../../fonts/noto-sans-sc.js";
import type { ChartSpec, TextRef } from "../../outbox/payload.js";

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
function drawAt({ Chart, createCanvas }: Drawing, page: Canvas, x: number, width: number, config: ChartConfiguration): void {
  const canvas = createCanvas(width, HEIGHT);
  // Chart.js wants a DOM canvas; @napi-rs/canvas's has the same drawing API.
  const chart = new Chart(canvas as unknown as ChartItem, { ...config, plugins: [whiteBackground] });
  page.getContext("2d").drawImage(canvas, x, 0);
  chart.destroy();
}

function barsConfig(spec: ChartSpec, text: (ref: TextRef) => string): ChartConfiguration {
  const { bars } = spec;
  return {
    type: "bar",
    data: {
      labels: bars.labels,
      datasets: bars.series.map((s, i) => ({ label: text(s.label), data: s.values, backgroundColor: SERIES_COLOURS[i % SERIES_COLOURS.length] })),
    },
    options: {
      animation: false,
      responsive: false,
      devicePixelRatio: 1,
      layout: { padding: 16 },
      plugins: { title: { display: true, text: text(spec.title), font: { size: 28 } }, legend: { position: "bottom", labels: { font: { size: 20 } } } },
      scales: {
        x: { ticks: { font: { size: bars.labels.length > 16 ? 14 : 18 }, autoSkip: false, maxRotation: 60 } },
        y: { beginAtZero: true, ...(bars.percent ? { max: 100, ticks: { font: { size: 18 }, callback: (v: string | number) => `${v}%` } } : { ticks: { font: { size: 18 } } }) },
      },
    },
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
 * Draws a review chart as a PNG: grouped bars, and a doughnut beside them when the spec has one.
 * `text` renders the spec's message keys in the reader's language.
 */
export async function chartPng(spec: ChartSpec, text: (ref: TextRef) => string): Promise<Buffer> {
  const tools = await prepare();
  const pieWidth = spec.pie ? PIE_WIDTH : 0;
  const page = tools.createCanvas(WIDTH, HEIGHT);
  drawAt(tools, page, 0, WIDTH - pieWidth, barsConfig(spec, text));
  if (spec.pie) drawAt(tools, page, WIDTH - pieWidth, pieWidth, pieConfig(spec.pie, text));
  return page.encode("png");
}
