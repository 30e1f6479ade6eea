import { describe, expect, it } from 'vitest';
import { applyFilter, countWork, mergeWork, NO_FILTER, statuses, upsertWork } from '../src/worklist';

const now = Date.parse('2026-12-04T09:00:00Z');
const t = (id: string, slaDueAt: string | null, extra = {}) => ({ ticketId: id, number: `TD-${id}`, subject: `subject ${id}`,
  status: 'assigned', slaDueAt, updatedAt: '2026-12-04T08:00:00Z', ...extra });

describe('My work', () => {
  it('lists a ticket once under its closest relation, nearest SLA due time first, tickets without a clock last', () => {
    const rows = mergeWork(
      [t('1', '2026-12-04T12:00:00Z'), t('2', null)],
      [t('1', '2026-12-04T12:00:00Z'), t('3', '2026-12-04T08:30:00Z')],
      [t('4', '2026-12-04T10:00:00Z'), t('3', '2026-12-04T08:30:00Z')]);
    expect(rows.map((r) => [r.ticketId, r.relation])).toEqual([['3', 'owned'], ['4', 'queue'], ['1', 'assigned'], ['2', 'assigned']]);
  });

  it('counts every relation and the overdue ones', () => {
    const rows = mergeWork([t('1', '2026-12-04T08:00:00Z')], [t('2', '2026-12-04T10:00:00Z', { status: 'resolved' })], [t('3', null)]);
    expect(countWork(rows, now)).toEqual({ all: 3, assigned: 1, owned: 1, queue: 1, overdue: 1, open: 2 });
  });

  it('filters by relation, status and text in number, subject or customer, any case', () => {
    const rows = mergeWork([t('1', null, { customer: { name: 'Olga Ivanova' } })], [t('2', null, { status: 'awaiting-customer' })], [t('3', null)]);
    expect(applyFilter(rows, { ...NO_FILTER, relation: 'queue' }).map((r) => r.ticketId)).toEqual(['3']);
    expect(applyFilter(rows, { ...NO_FILTER, status: 'awaiting-customer' }).map((r) => r.ticketId)).toEqual(['2']);
    expect(applyFilter(rows, { ...NO_FILTER, text: 'olga' }).map((r) => r.ticketId)).toEqual(['1']);
    expect(applyFilter(rows, { ...NO_FILTER, text: 'td-3' }).map((r) => r.ticketId)).toEqual(['3']);
    expect(statuses(rows)).toEqual(['assigned', 'awaiting-customer']);
  });
});

describe('live news', () => {
  const row = (extra = {}) => ({ ticketId: 'x', number: 'TD-9', status: 'new', slaDueAt: '2026-12-04T09:30:00Z', ...extra });
  it('puts a ticket assigned to the agent first when it is due first, even before the view shows the assignee', () => {
    const rows = mergeWork([t('1', '2026-12-04T12:00:00Z')], [], []);
    const after = upsertWork(rows, row({ tier: 'L2', assignee: null }), 'igor', 'L2', true);
    expect(after.map((r) => [r.ticketId, r.relation])).toEqual([['x', 'assigned'], ['1', 'assigned']]);
  });

  it('moves, keeps or drops a row as the ticket changes', () => {
    let rows = upsertWork([], row({ tier: 'L1', assignee: null }), 'anna', 'L1');
    expect(rows[0].relation).toBe('queue');
    rows = upsertWork(rows, row({ tier: 'L1', assignee: 'boris', owner: 'anna' }), 'anna', 'L1');
    expect(rows.map((r) => r.relation)).toEqual(['owned']);
    rows = upsertWork(rows, row({ tier: 'L2', assignee: 'igor', owner: 'boris' }), 'anna', 'L1');
    expect(rows).toEqual([]);
    expect(upsertWork([], row({ assignee: 'anna', status: 'closed' }), 'anna', 'L1')).toEqual([]);
  });
});
