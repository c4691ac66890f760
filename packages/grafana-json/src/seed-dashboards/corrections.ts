/** A defect of a seed dashboard and what the generated dashboard does instead. */
export interface DashboardCorrection {
  /** Panel title in the seed. */
  panel: string;
  /** The validator code that catches the seed's original panel, when it can see the defect. */
  code?: string;
  correction: string;
}
