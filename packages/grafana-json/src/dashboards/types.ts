/**
 * The Grafana 11.2 dashboard types alertcraft builds, taken from `@grafana/schema` 11.2 (schemaVersion 39).
 * Enums of `@grafana/schema` are written as their string values (`'absolute'`), as the JSON holds them.
 */
import type {
  Dashboard,
  DashboardLink,
  DataSourceRef as SchemaDataSourceRef,
  FieldConfigSource,
  GridPos,
  Panel,
  RowPanel,
  ThresholdsConfig,
  VariableModel,
} from '@grafana/schema';

export type { Dashboard, DashboardLink, FieldConfigSource, GridPos, Panel, RowPanel, ThresholdsConfig, VariableModel };
export type DashboardPanel = Panel | RowPanel;
export type SchemaDataSource = SchemaDataSourceRef;

/** The dashboard JSON schema version of Grafana 11.2. */
export const SCHEMA_VERSION = 39;
