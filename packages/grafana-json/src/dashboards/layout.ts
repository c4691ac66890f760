/**
 * Rows and the grid layout helper: panels flow left to right in Grafana's 24-column grid, wrapping when
 * a row of the grid is full; a dashboard row takes a full-width line of height 1. An expanded row's
 * panels follow it at the top level (as Grafana saves them); a collapsed row holds its panels in
 * `panels`, laid out below the row as they appear when it is expanded. Ids are assigned 1, 2, ... in order.
 */
import type { Panel, RowPanel } from './types.js';
import type { PanelSpec } from './panels.js';

export const GRID_COLUMNS = 24;

export interface RowSpec {
  row: string;
  collapsed: boolean;
  panels: PanelSpec[];
}

export function row(title: string, panels: PanelSpec[], options: { collapsed?: boolean } = {}): RowSpec {
  return { row: title, collapsed: options.collapsed ?? false, panels };
}

export type LayoutItem = PanelSpec | RowSpec;

function isRow(item: LayoutItem): item is RowSpec {
  return 'row' in item;
}

class Flow {
  x = 0;
  y: number;
  lineHeight = 0;
  constructor(y: number) {
    this.y = y;
  }
  place(w: number, h: number): { x: number; y: number; w: number; h: number } {
    if (w > GRID_COLUMNS || w < 1 || h < 1)
      throw new Error(`layout: panel size ${w}x${h} does not fit the ${GRID_COLUMNS}-column grid`);
    if (this.x + w > GRID_COLUMNS) this.newLine();
    const pos = { x: this.x, y: this.y, w, h };
    this.x += w;
    this.lineHeight = Math.max(this.lineHeight, h);
    return pos;
  }
  newLine(): void {
    this.y += this.lineHeight;
    this.x = 0;
    this.lineHeight = 0;
  }
  bottom(): number {
    return this.y + this.lineHeight;
  }
}

/** Dashboard panels with ids and non-overlapping grid positions. */
export function layout(items: readonly LayoutItem[]): Array<Panel | RowPanel> {
  let id = 0;
  const flow = new Flow(0);
  const out: Array<Panel | RowPanel> = [];
  const finish = (p: PanelSpec, pos: { x: number; y: number; w: number; h: number }): Panel => {
    const { w: _w, h: _h, ...panel } = p;
    return { ...panel, id: ++id, gridPos: pos };
  };
  for (const item of items) {
    if (!isRow(item)) {
      out.push(finish(item, flow.place(item.w, item.h)));
      continue;
    }
    flow.newLine();
    const rowY = flow.y;
    const r: RowPanel = {
      type: 'row',
      title: item.row,
      collapsed: item.collapsed,
      id: ++id,
      gridPos: { x: 0, y: rowY, w: GRID_COLUMNS, h: 1 },
      panels: [],
    };
    out.push(r);
    flow.y = rowY + 1;
    flow.lineHeight = 0;
    if (item.collapsed) {
      const inner = new Flow(rowY + 1);
      r.panels = item.panels.map((p) => finish(p, inner.place(p.w, p.h)));
    } else {
      for (const p of item.panels) out.push(finish(p, flow.place(p.w, p.h)));
      flow.newLine();
    }
  }
  return out;
}
