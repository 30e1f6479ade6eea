// The state of "My work": the agent's own and assigned tickets and their line's queue as one list, nearest SLA due
// time first, with counts and filters. Pure functions: the screen feeds them what the APIs answered.

export interface TicketRow {
  ticketId: string;
  number?: string;
  subject?: string;
  status?: string;
  priority?: string | null;
  tier?: string | null;
  owner?: string | null;
  assignee?: string | null;
  channel?: string;
  slaDueAt?: string | null;
  updatedAt?: string;
  customer?: { name?: string; plan?: string } | null;
}

export type Relation = 'assigned' | 'owned' | 'queue';
export interface WorkRow extends TicketRow { relation: Relation }
export interface WorkFilter { relation: Relation | 'all'; status: string | 'all'; text: string }
export const NO_FILTER: WorkFilter = { relation: 'all', status: 'all', text: '' };

const CLOSED = new Set(['resolved', 'closed']);

/** Merges the three lists: a ticket counts once, under its closest relation (assigned, then owned, then queued). */
export function mergeWork(assigned: TicketRow[], owned: TicketRow[], queue: TicketRow[]): WorkRow[] {
  const seen = new Map<string, WorkRow>();
  const add = (rows: TicketRow[], relation: Relation) => {
    for (const row of rows) if (!seen.has(row.ticketId)) seen.set(row.ticketId, { ...row, relation });
  };
  add(assigned, 'assigned');
  add(owned, 'owned');
  add(queue, 'queue');
  return sortBySlaDue([...seen.values()]);
}

/** Nearest SLA due time first; tickets with no running clock after them, newest change first; ties by number. */
export function sortBySlaDue<T extends TicketRow>(rows: T[]): T[] {
  const due = (r: TicketRow) => (r.slaDueAt ? new Date(r.slaDueAt).getTime() : Number.POSITIVE_INFINITY);
  const updated = (r: TicketRow) => (r.updatedAt ? new Date(r.updatedAt).getTime() : 0);
  return [...rows].sort((a, b) => due(a) - due(b) || updated(b) - updated(a)
    || (a.number ?? a.ticketId).localeCompare(b.number ?? b.ticketId));
}

export function applyFilter(rows: WorkRow[], filter: WorkFilter): WorkRow[] {
  const text = filter.text.trim().toLowerCase();
  return rows.filter((r) => (filter.relation === 'all' || r.relation === filter.relation)
    && (filter.status === 'all' || r.status === filter.status)
    && (!text || [r.number, r.subject, r.customer?.name].some((v) => v?.toLowerCase().includes(text))));
}

export interface WorkCounts { all: number; assigned: number; owned: number; queue: number; overdue: number; open: number }

export function countWork(rows: WorkRow[], now: number): WorkCounts {
  const counts: WorkCounts = { all: rows.length, assigned: 0, owned: 0, queue: 0, overdue: 0, open: 0 };
  for (const r of rows) {
    counts[r.relation] += 1;
    if (!CLOSED.has(r.status ?? '')) counts.open += 1;
    if (r.slaDueAt && new Date(r.slaDueAt).getTime() < now) counts.overdue += 1;
  }
  return counts;
}

/** Statuses present in the list, for the filter's choices. */
export function statuses(rows: WorkRow[]): string[] {
  return [...new Set(rows.map((r) => r.status).filter((s): s is string => !!s))].sort();
}

/**
 * One ticket's news applied to the list without reloading it: the row takes the ticket's new view under the
 * relation the news gives (an assignment notice makes it "assigned" even before the view shows the assignee),
 * or leaves the list when the ticket is no longer the agent's and not waiting in their line.
 */
export function upsertWork(rows: WorkRow[], ticket: TicketRow, me: string, myTier: string | null, assignedToMe = false): WorkRow[] {
  const others = rows.filter((r) => r.ticketId !== ticket.ticketId);
  let relation: Relation | null = null;
  if (assignedToMe || ticket.assignee === me) relation = 'assigned';
  else if (ticket.owner === me) relation = 'owned';
  else if (!ticket.assignee && myTier && ticket.tier === myTier) relation = 'queue';
  if (!relation || ticket.status === 'closed') return others;
  return sortBySlaDue([...others, { ...ticket, relation }]);
}
