// My work: what the agent owns or is assigned and their line's queue, nearest SLA due time first, live.
import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { Intent, openStream, type StreamNotice } from '../api';
import { describe, Screen } from '../context';
import { DUE_SOON_MS } from '../sla';
import { formatDateTime, formatDuration } from '../time';
import { applyFilter, countWork, mergeWork, NO_FILTER, statuses, upsertWork, type TicketRow, type WorkFilter, type WorkRow } from '../worklist';

interface Agent { agentId: string; presence: string; version?: number; profile: { name: string; tier: string; capacity: number } }
interface Load { agentId: string; active: number; capacity: number; presence: string }
interface QueueRow { ticketId: string; position?: number }

export class TdWork extends Screen {
  static properties = { rows: { state: true }, me: { state: true }, load: { state: true }, filter: { state: true },
    error: { state: true }, live: { state: true }, now: { state: true }, loaded: { state: true } };
  declare rows: WorkRow[];
  declare me: Agent | null;
  declare load: Load | null;
  declare filter: WorkFilter;
  declare error: string;
  declare live: boolean;
  declare now: number;
  declare loaded: boolean;
  private closeStream?: () => void;
  private ticker = 0;
  private reloadTimer = 0;
  private presenceIntent = new Intent();

  constructor() {
    super();
    this.rows = []; this.me = null; this.load = null; this.filter = NO_FILTER; this.error = ''; this.live = false;
    this.now = Date.now(); this.loaded = false;
  }

  connectedCallback() {
    super.connectedCallback();
    void this.reload();
    this.ticker = window.setInterval(() => { this.now = Date.now(); }, 1000);
    const me = encodeURIComponent(this.ctx.session.subject);
    this.closeStream = openStream(this.ctx.api, 'notification', `/api/v1/streams/agents/${me}`,
      (n) => this.onNotice(n), (connected) => { this.live = connected; });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.ticker);
    this.closeStream?.();
  }

  private pending = new Map<string, boolean>();
  private provisional = new Map<string, string>();
  private frame = 0;

  private onNotice(notice: StreamNotice) {
    if (notice.event === 'resync') { void this.reload(); return; }
    const text = String(notice.data.subject ?? notice.data.text ?? notice.event);
    this.ctx.toast(this.t('work.notice', { text }));
    const ticketId = typeof notice.data.ticketId === 'string' ? notice.data.ticketId : '';
    if (!ticketId) { void this.reload(); return; }
    // A notice changes one ticket: fetch that one (a burst is fetched together), not the whole list.
    const assigned = String(notice.data.kind ?? notice.event).includes('assigned');
    this.pending.set(ticketId, (this.pending.get(ticketId) ?? false) || assigned);
    // An assignment shows at once from the notice itself; the ticket's view fills the row in a moment later.
    if (assigned && !this.rows.some((r) => r.ticketId === ticketId)) this.provisional.set(ticketId, text);
    if (!this.frame) {
      // Notices of one frame are drawn together: a burst redraws the table once, not once per notice.
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        let rows = this.rows;
        for (const [id, subject] of this.provisional) rows = upsertWork(rows, { ticketId: id, subject, status: undefined }, this.ctx.session.subject, null, true);
        this.provisional.clear();
        this.rows = rows;
      });
    }
    clearTimeout(this.reloadTimer);
    this.reloadTimer = window.setTimeout(() => void this.applyPending(), 50);
  }

  private async applyPending() {
    const batch = [...this.pending.entries()];
    this.pending.clear();
    const views = await Promise.all(batch.map(([id]) => this.ctx.api.get<TicketRow>('intake', `/api/v1/tickets/${id}`)
      .catch(() => null)));
    let rows = this.rows;
    const me = this.ctx.session.subject;
    batch.forEach(([, assigned], i) => {
      const view = views[i];
      if (view) rows = upsertWork(rows, view, me, this.me?.profile?.tier ?? null, assigned);
    });
    this.rows = rows;
  }

  /** Every page of a list (keyset cursors), up to a bound that keeps the screen responsive. */
  private async all(query: string): Promise<TicketRow[]> {
    const rows: TicketRow[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page += 1) {
      const answer = await this.ctx.api.get<{ items: TicketRow[]; nextCursor?: string | null }>('intake',
        `/api/v1/tickets?${query}&sort=slaDue&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      rows.push(...answer.items);
      if (!answer.nextCursor) break;
      cursor = answer.nextCursor;
    }
    return rows;
  }

  async reload() {
    const api = this.ctx.api;
    const me = encodeURIComponent(this.ctx.session.subject);
    try {
      const [agent, assigned, owned, loads] = await Promise.all([
        api.get<Agent>('router', `/api/v1/agents/${me}`).catch(() => null),
        this.all(`assignee=${me}`),
        this.all(`owner=${me}`),
        api.get<Load[]>('router', '/api/v1/agents/load').catch(() => []),
      ]);
      this.me = agent;
      this.load = loads.find((l) => l.agentId === this.ctx.session.subject) ?? null;
      let queue: TicketRow[] = [];
      if (agent?.profile?.tier) {
        const waiting = await api.get<QueueRow[]>('router', `/api/v1/queues/${agent.profile.tier}?limit=50`);
        queue = (await Promise.all(waiting.map((w) => api.get<TicketRow>('intake', `/api/v1/tickets/${w.ticketId}`)
          .catch(() => null)))).filter((x): x is TicketRow => !!x);
      }
      const active = (r: TicketRow) => r.status !== 'closed';
      this.rows = mergeWork(assigned.filter(active), owned.filter(active), queue);
      this.error = '';
    } catch (e) {
      this.error = describe(this.ctx, e);
    }
    this.loaded = true;
  }

  private async setPresence(presence: string) {
    try {
      await this.ctx.api.post('router', `/api/v1/agents/${encodeURIComponent(this.ctx.session.subject)}/presence`,
        { presence }, this.presenceIntent);
      this.presenceIntent.done();
      await this.reload();
    } catch (e) {
      this.error = describe(this.ctx, e);
    }
  }

  private async take(row: WorkRow) {
    try {
      await this.ctx.api.post('router', `/api/v1/tickets/${row.ticketId}/assignment`, {});
      await this.reload();
    } catch (e) {
      this.error = describe(this.ctx, e);
    }
  }

  private due(row: WorkRow) {
    if (!row.slaDueAt) return html`<span class="muted">—</span>`;
    const left = new Date(row.slaDueAt).getTime() - this.now;
    const cls = left < 0 ? 'sla-overdue' : left < DUE_SOON_MS ? 'sla-soon' : 'sla-ok';
    const text = left < 0 ? this.t('sla.overdue', { time: formatDuration(left, this.ctx.lang) })
      : this.t('sla.left', { time: formatDuration(left, this.ctx.lang) });
    return html`<time class=${cls} datetime=${row.slaDueAt} title=${formatDateTime(row.slaDueAt, this.ctx.lang)}>${text}</time>`;
  }

  render() {
    const shown = applyFilter(this.rows, this.filter);
    const counts = countWork(this.rows, this.now);
    const tier = this.me?.profile?.tier ?? '';
    const relationLabel = (r: string) => (r === 'queue' ? this.t('work.queue', { tier }) : this.t(`work.${r}`));
    const setFilter = (patch: Partial<WorkFilter>) => { this.filter = { ...this.filter, ...patch }; };
    return html`<h1>${this.t('work.title')}</h1>
      <section class="toolbar" aria-label=${this.t('work.presence')}>
        ${this.me ? html`<label>${this.t('work.presence')}
          <select @change=${(e: Event) => this.setPresence((e.target as HTMLSelectElement).value)}>
            <option value="online" ?selected=${this.me.presence === 'online'}>${this.t('work.online')}</option>
            <option value="offline" ?selected=${this.me.presence !== 'online'}>${this.t('work.offline')}</option>
          </select></label>` : nothing}
        ${this.load ? html`<meter min="0" max=${this.load.capacity} value=${this.load.active}
          aria-label=${this.t('work.load', { active: this.load.active, capacity: this.load.capacity })}></meter>
          <span>${this.t('work.load', { active: this.load.active, capacity: this.load.capacity })}</span>` : nothing}
        <span class="live ${this.live ? 'on' : 'off'}" role="status">${this.live ? this.t('work.live') : this.t('work.reconnecting')}</span>
      </section>
      <ul class="counts" aria-label=${this.t('work.filter')}>
        ${(['all', 'assigned', 'owned', 'queue'] as const).map((r) => html`<li><button type="button"
          aria-pressed=${String(this.filter.relation === r)} @click=${() => setFilter({ relation: r })}>
          ${r === 'all' ? this.t('work.all') : relationLabel(r)} <span class="count">${counts[r]}</span></button></li>`)}
        <li class="overdue">${this.t('work.overdue')}: <span class="count">${counts.overdue}</span></li>
      </ul>
      <div class="filters">
        <label>${this.t('work.status')} <select @change=${(e: Event) => setFilter({ status: (e.target as HTMLSelectElement).value })}>
          <option value="all">${this.t('work.all')}</option>
          ${statuses(this.rows).map((s) => html`<option value=${s} ?selected=${this.filter.status === s}>${this.t(`status.${s}`)}</option>`)}
        </select></label>
        <label>${this.t('work.filter')} <input type="search" placeholder=${this.t('work.search')} .value=${this.filter.text}
          @input=${(e: Event) => setFilter({ text: (e.target as HTMLInputElement).value })}></label>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${!this.loaded ? html`<p>${this.t('common.loading')}</p>` : shown.length === 0 ? html`<p class="muted">${this.t('work.empty')}</p>` : html`
      <table class="list" aria-label=${this.t('work.title')}>
        <thead><tr><th scope="col">${this.t('col.number')}</th><th scope="col">${this.t('col.subject')}</th>
          <th scope="col">${this.t('col.customer')}</th><th scope="col">${this.t('col.status')}</th>
          <th scope="col">${this.t('col.priority')}</th><th scope="col">${this.t('col.line')}</th>
          <th scope="col">${this.t('col.sla')}</th><th scope="col">${this.t('col.relation')}</th></tr></thead>
        <tbody>${repeat(shown, (r) => r.ticketId, (r) => html`<tr data-ticket=${r.ticketId}>
          <td><a href="#/tickets/${r.ticketId}">${r.number ?? r.ticketId.slice(0, 8)}</a></td>
          <td>${r.subject}</td><td>${r.customer?.name ?? ''}</td><td><span class="status ${r.status}">${this.t(`status.${r.status}`)}</span></td>
          <td>${r.priority ?? ''}</td><td>${r.tier ?? ''}</td><td>${this.due(r)}</td>
          <td>${relationLabel(r.relation)}${r.relation === 'queue' ? html` <button type="button" @click=${() => this.take(r)}
            aria-label="${this.t('work.take')} ${r.number ?? ''}">${this.t('work.take')}</button>` : nothing}</td></tr>`)}
        </tbody></table>`}`;
  }
}
customElements.define('td-work', TdWork);
