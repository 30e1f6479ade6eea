import { describe, expect, it } from 'vitest';
import { clockView, clocksFromTicketView, orderedClocks } from '../src/sla';

const now = Date.parse('2026-12-04T09:00:00Z');

describe('SLA clocks', () => {
  it('counts a running clock down to its due time and marks it as it nears and passes it', () => {
    expect(clockView({ clock: 'resolution', state: 'running', dueAt: '2026-12-04T13:00:00Z' }, now))
      .toMatchObject({ urgency: 'ok', leftMs: 4 * 3_600_000 });
    expect(clockView({ clock: 'first-response', state: 'running', dueAt: '2026-12-04T09:20:00Z' }, now))
      .toMatchObject({ urgency: 'due-soon', leftMs: 20 * 60_000 });
    expect(clockView({ clock: 'first-response', state: 'running', dueAt: '2026-12-04T08:59:00Z' }, now))
      .toMatchObject({ urgency: 'overdue', leftMs: -60_000 });
  });

  it('shows the service\'s warning even when much time is left', () => {
    expect(clockView({ clock: 'resolution', state: 'running', dueAt: '2026-12-04T15:00:00Z', warnedAt: ['2026-12-04T08:00:00Z'] }, now).urgency)
      .toBe('warned');
  });

  it('stops counting while paused, and after the clock is met, stopped or breached', () => {
    expect(clockView({ clock: 'resolution', state: 'paused', dueAt: null }, now)).toMatchObject({ urgency: 'paused', leftMs: null });
    expect(clockView({ clock: 'resolution', state: 'met' }, now)).toMatchObject({ urgency: 'done', leftMs: null });
    expect(clockView({ clock: 'resolution', state: 'stopped' }, now)).toMatchObject({ urgency: 'done' });
    expect(clockView({ clock: 'first-response', state: 'breached', dueAt: '2026-12-04T08:00:00Z' }, now))
      .toMatchObject({ urgency: 'breached', leftMs: -3_600_000 });
  });

  it('orders clocks first response, next reply, resolution, and reads intake\'s view of them', () => {
    const clocks = clocksFromTicketView({ resolution: { state: 'running', dueAt: '2026-12-05T00:00:00Z' },
      'next-reply': { state: 'paused' }, 'first-response': { state: 'met' } });
    expect(orderedClocks(clocks, now).map((c) => [c.clock, c.urgency])).toEqual([
      ['first-response', 'done'], ['next-reply', 'paused'], ['resolution', 'ok']]);
    expect(clocksFromTicketView(null)).toEqual([]);
  });
});
