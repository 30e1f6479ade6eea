// One SLA clock as the console shows it: what it is doing now and how long is left, from the last answer of
// sla-monitor (or of intake's ticket view) and the current time; the countdown needs no further request.

export type ClockState = 'running' | 'paused' | 'met' | 'breached' | 'stopped';

export interface ClockAnswer {
  clock: string;
  state: ClockState;
  dueAt?: string | null;
  remaining?: string | null;
  warnedAt?: string[] | null;
  breachedAt?: string | null;
  metAt?: string | null;
}

export type Urgency = 'ok' | 'warned' | 'due-soon' | 'overdue' | 'breached' | 'paused' | 'done';

export interface ClockView {
  clock: string;
  state: ClockState;
  urgency: Urgency;
  /** Milliseconds left (negative when overdue); null when the clock does not count now. */
  leftMs: number | null;
  dueAt: string | null;
}

export const CLOCK_ORDER = ['first-response', 'next-reply', 'resolution'];

/** A running clock is "due soon" within this share of an hour; warnings announced by the service win. */
export const DUE_SOON_MS = 30 * 60_000;

export function clockView(answer: ClockAnswer, now: number): ClockView {
  const dueAt = answer.dueAt ?? null;
  if (answer.state === 'breached') {
    return { clock: answer.clock, state: answer.state, urgency: 'breached',
      leftMs: dueAt ? new Date(dueAt).getTime() - now : null, dueAt };
  }
  if (answer.state === 'met' || answer.state === 'stopped') {
    return { clock: answer.clock, state: answer.state, urgency: 'done', leftMs: null, dueAt: null };
  }
  if (answer.state === 'paused') {
    return { clock: answer.clock, state: answer.state, urgency: 'paused', leftMs: null, dueAt };
  }
  if (!dueAt) return { clock: answer.clock, state: answer.state, urgency: 'ok', leftMs: null, dueAt };
  const leftMs = new Date(dueAt).getTime() - now;
  let urgency: Urgency = 'ok';
  if (leftMs < 0) urgency = 'overdue';
  else if ((answer.warnedAt?.length ?? 0) > 0) urgency = 'warned';
  else if (leftMs <= DUE_SOON_MS) urgency = 'due-soon';
  return { clock: answer.clock, state: answer.state, urgency, leftMs, dueAt };
}

/** Clocks in their natural order (first response, next reply, resolution), unknown ones after. */
export function orderedClocks(answers: ClockAnswer[], now: number): ClockView[] {
  const rank = (c: string) => { const i = CLOCK_ORDER.indexOf(c); return i < 0 ? CLOCK_ORDER.length : i; };
  return [...answers].sort((a, b) => rank(a.clock) - rank(b.clock) || a.clock.localeCompare(b.clock))
    .map((a) => clockView(a, now));
}

/** Intake's ticket view carries `sla: {<clock>: {state, dueAt}}`; the same shape as sla-monitor's list. */
export function clocksFromTicketView(sla: Record<string, { state?: string; dueAt?: string | null }> | null | undefined): ClockAnswer[] {
  if (!sla) return [];
  return Object.entries(sla).map(([clock, v]) => ({ clock, state: (v.state ?? 'running') as ClockState, dueAt: v.dueAt ?? null }));
}
