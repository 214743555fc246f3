// Renders Observable Plot charts to static SVG text in Node, using linkedom as the DOM.
//
// Plot needs a `document` to build elements in; linkedom provides one without a browser. Plot omits the
// SVG namespace attributes (a browser's HTML parser does not need them), so they are added here: the
// same SVG text then also works as a standalone .svg file.
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/** The few DOM members used here (the project compiles without the DOM lib). */
interface DomElement {
  readonly tagName: string;
  readonly children: ArrayLike<DomElement>;
  readonly outerHTML: string;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

let cachedDocument: unknown;

function plotDocument(): unknown {
  // One document is enough: each chart is serialised and then dropped.
  cachedDocument ??= parseHTML('<!doctype html><html><head></head><body></body></html>').document;
  return cachedDocument;
}

type PlotDocument = NonNullable<Plot.PlotOptions['document']>;

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** Adds xmlns attributes to every <svg> element that lacks them (nested legend SVGs included). */
function addNamespaces(root: DomElement): void {
  const svgs: DomElement[] = root.tagName.toLowerCase() === 'svg' ? [root] : [];
  svgs.push(...Array.from(root.querySelectorAll('svg')));
  for (const svg of svgs) {
    if (!svg.hasAttribute('xmlns')) svg.setAttribute('xmlns', SVG_NS);
    if (!svg.hasAttribute('xmlns:xlink')) svg.setAttribute('xmlns:xlink', XLINK_NS);
  }
}

/**
 * Renders one chart. The main SVG gets `data-chart=<name>` so tests and readers can find exactly one
 * SVG per chart; legend SVGs (if any) get `data-legend=<name>`. Legends with continuous ramps need a
 * canvas, which linkedom lacks: use `quantize`/`threshold`/ordinal colour scales for legends.
 */
export function renderPlot(name: string, options: Plot.PlotOptions): string {
  const node = Plot.plot({ ...options, document: plotDocument() as PlotDocument }) as unknown as DomElement;
  const main = node.tagName.toLowerCase() === 'svg' ? node : mainSvgOf(node);
  main.setAttribute('data-chart', name);
  main.setAttribute('role', 'img');
  for (const svg of Array.from(node.querySelectorAll('svg'))) {
    if (svg !== main) svg.setAttribute('data-legend', name);
  }
  addNamespaces(node);
  return node.outerHTML;
}

/** In a <figure> (Plot adds one when there is a legend or title), the chart is the last direct SVG. */
function mainSvgOf(figure: DomElement): DomElement {
  const direct = Array.from(figure.children).filter((c) => c.tagName.toLowerCase() === 'svg');
  const last = direct[direct.length - 1];
  if (last === undefined) throw new Error('assertion failed: a Plot figure contains an <svg>');
  return last;
}

export { Plot };
