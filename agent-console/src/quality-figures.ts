// The quality report's figures as the chart draws them: shares per group, SLA compliance over every clock.

export interface Figures {
  opened?: number; resolved?: number; shareResolved?: number | null; repeatContactRate?: number | null;
  resolvedAtL1?: { count?: number; share?: number | null };
  firstResponse?: { p50?: string | null }; resolution?: { p50?: string | null };
  sla?: Record<string, { met?: number; breached?: number; compliance?: number | null }>;
  satisfaction?: { count?: number; average?: number | null; responseRate?: number | null };
}

/** Met over met plus breached, summed over the clocks; null when no clock was decided. */
export function slaCompliance(f: Figures): number | null {
  let met = 0; let breached = 0;
  for (const c of Object.values(f.sla ?? {})) { met += c.met ?? 0; breached += c.breached ?? 0; }
  return met + breached === 0 ? null : met / (met + breached);
}

export interface Series { key: string; values: (number | null)[] }

/** One series per figure, one value per group (or the total alone), as fractions 0–1. */
export function shareSeries(groups: { key: string; figures: Figures }[]): Series[] {
  return [
    { key: 'q.shareResolved', values: groups.map((g) => g.figures.shareResolved ?? null) },
    { key: 'q.resolvedAtL1', values: groups.map((g) => g.figures.resolvedAtL1?.share ?? null) },
    { key: 'q.compliance', values: groups.map((g) => slaCompliance(g.figures)) },
    { key: 'q.repeat', values: groups.map((g) => g.figures.repeatContactRate ?? null) },
  ];
}

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 1000) / 10} %`;
}
