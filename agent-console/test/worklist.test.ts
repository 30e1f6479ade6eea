import { describe, expect, it } from 'vitest';
import { applyFilter, countWork, mergeWork, NO_FILTER, statuses } from '../src/worklist';

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
