/** The dashboard builder: a Grafana 11.2 dashboard (schemaVersion 39) from laid-out panels and variables. */
import { layout, type LayoutItem } from './layout.js';
import { SCHEMA_VERSION, type Dashboard, type DashboardLink, type VariableModel } from './types.js';

export interface DashboardOptions {
  uid: string;
  title: string;
  description?: string;
  tags?: string[];
  /** Relative time range, default last 6 hours. */
  from?: string;
  to?: string;
  refresh?: string;
  timezone?: string;
  panels: readonly LayoutItem[];
  variables?: VariableModel[];
  links?: Array<{ title: string; url: string; tooltip?: string }>;
}

/** Grafana's built-in annotation query, which every saved dashboard has. */
const BUILT_IN_ANNOTATIONS = {
  builtIn: 1,
  datasource: { type: 'grafana', uid: '-- Grafana --' },
  enable: true,
  hide: true,
  iconColor: 'rgba(0, 211, 255, 1)',
  name: 'Annotations & Alerts',
  type: 'dashboard',
};

export function dashboard(o: DashboardOptions): Dashboard {
  const d: Dashboard = {
    uid: o.uid,
    title: o.title,
    tags: o.tags ?? [],
    timezone: o.timezone ?? 'browser',
    editable: true,
    graphTooltip: 1 as Dashboard['graphTooltip'],
    time: { from: o.from ?? 'now-6h', to: o.to ?? 'now' },
    refresh: o.refresh ?? '1m',
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    panels: layout(o.panels),
    templating: { list: o.variables ?? [] },
    annotations: { list: [BUILT_IN_ANNOTATIONS] as NonNullable<Dashboard['annotations']>['list'] },
    links: (o.links ?? []).map(
      (l): DashboardLink => ({
        title: l.title,
        type: 'link' as DashboardLink['type'],
        url: l.url,
        icon: 'external link',
        tooltip: l.tooltip ?? '',
        tags: [],
        asDropdown: false,
        targetBlank: true,
        includeVars: false,
        keepTime: true,
      }),
    ),
  };
  if (o.description !== undefined) d.description = o.description;
  return d;
}

/** The body of POST /api/dashboards/db: the dashboard without an instance id, in a folder. */
export function dashboardImport(
  d: Dashboard,
  o: { folderUid?: string; overwrite?: boolean; message?: string } = {},
): Record<string, unknown> {
  const { id: _id, ...rest } = d;
  const body: Record<string, unknown> = { dashboard: rest, overwrite: o.overwrite ?? true };
  if (o.folderUid !== undefined) body.folderUid = o.folderUid;
  if (o.message !== undefined) body.message = o.message;
  return body;
}
