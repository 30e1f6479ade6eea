// Supervision: every line's queue and load, each agent's load, the tickets at risk, and reassigning them.
import { html, nothing } from 'lit';
import { Intent } from '../api';
import { describe, Screen } from '../context';
import { formatDateTime, formatDuration } from '../time';

interface Queue { tier: string; waiting: number; oldestQueuedAt?: string | null; onlineAgents: number; active: number; capacity: number; utilisation: number }
interface Load { agentId: string; tier: string; active: number; capacity: number; presence: string; utilisation: number }
interface AtRisk { ticketId: string; clock: string; dueAt: string; tier?: string }

export class TdSupervision extends Screen {
  static properties = { queues: { state: true }, agents: { state: true }, atRisk: { state: true }, error: { state: true },
    info: { state: true }, now: { state: true }, within: { state: true }, tier: { state: true } };
  declare within: string;
  declare tier: string;
  declare queues: Queue[];
  declare agents: Load[];
  declare atRisk: (AtRisk & { number?: string; subject?: string })[];
  declare error: string;
  /** A message key, translated when drawn: a language switch changes it too. */
  declare info: string;
  declare now: number;
  private timer = 0;
  private intents = new Map<string, Intent>();

  constructor() {
    super();
    this.queues = []; this.agents = []; this.atRisk = []; this.error = ''; this.info = ''; this.now = Date.now();
    this.within = 'PT30M'; this.tier = '';
  }

  connectedCallback() {
    super.connectedCallback();
    void this.load();
    this.timer = window.setInterval(() => { this.now = Date.now(); if (this.now % 15_000 < 1000) void this.load(); }, 1000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private async load() {
    const api = this.ctx.api;
    const [queues, agents, atRisk] = await Promise.allSettled([
      api.get<Queue[]>('router', '/api/v1/queues'),
      api.get<Load[]>('router', '/api/v1/agents/load'),
      api.get<AtRisk[]>('sla', `/api/v1/sla/at-risk?within=${this.within}&limit=100${this.tier ? `&tier=${this.tier}` : ''}`),
    ]);
    const failed = [queues, agents, atRisk].find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    this.error = failed ? describe(this.ctx, failed.reason) : '';
    if (queues.status === 'fulfilled') this.queues = queues.value;
    if (agents.status === 'fulfilled') this.agents = agents.value;
    if (atRisk.status === 'fulfilled') {
      this.atRisk = await Promise.all(atRisk.value.map(async (r) => {
        const tk = await api.get<{ number: string; subject: string }>('intake', `/api/v1/tickets/${r.ticketId}`).catch(() => null);
        return { ...r, number: tk?.number, subject: tk?.subject };
      }));
    }
  }

  private async reassign(e: Event, ticketId: string) {
    e.preventDefault();
    const agentId = ((e.target as HTMLFormElement).elements.namedItem('agent') as HTMLSelectElement).value;
    if (!this.intents.has(ticketId)) this.intents.set(ticketId, new Intent());
    try {
      await this.ctx.api.post('router', `/api/v1/tickets/${ticketId}/assignment`, { agentId }, this.intents.get(ticketId));
      this.intents.delete(ticketId);
      this.info = 'ticket.done';
      await this.load();
    } catch (err) {
      this.error = describe(this.ctx, err);
    }
  }

  render() {
    const pct = (x: number) => `${Math.round(x * 100)} %`;
    return html`<h1>${this.t('sup.title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.info ? html`<p class="info" role="status">${this.t(this.info)}</p>` : nothing}
      <section aria-labelledby="sup-q"><h2 id="sup-q">${this.t('sup.queues')}</h2>
        <table class="list" aria-labelledby="sup-q"><thead><tr><th scope="col">${this.t('col.line')}</th><th scope="col">${this.t('col.waiting')}</th>
          <th scope="col">${this.t('col.oldest')}</th><th scope="col">${this.t('col.online')}</th><th scope="col">${this.t('col.active')}</th>
          <th scope="col">${this.t('col.capacity')}</th><th scope="col">${this.t('col.utilisation')}</th></tr></thead>
        <tbody>${this.queues.map((q) => html`<tr data-tier=${q.tier}><th scope="row">${q.tier}</th><td>${q.waiting}</td>
          <td>${q.oldestQueuedAt ? formatDateTime(q.oldestQueuedAt, this.ctx.lang, this.ctx.zone) : '—'}</td><td>${q.onlineAgents}</td>
          <td>${q.active}</td><td>${q.capacity}</td><td><meter min="0" max="1" value=${q.utilisation} aria-label="${q.tier} ${pct(q.utilisation)}"></meter> ${pct(q.utilisation)}</td></tr>`)}</tbody></table>
      </section>
      <section aria-labelledby="sup-risk"><h2 id="sup-risk">${this.t('sup.atRisk')}</h2>
        <div class="filters">
          <label>${this.t('sup.within')} <select @change=${(e: Event) => { this.within = (e.target as HTMLSelectElement).value; void this.load(); }}>
            ${[['PT30M', '30 min'], ['PT2H', '2 h'], ['PT8H', '8 h']].map(([v, l]) => html`<option value=${v} ?selected=${this.within === v}>${l}</option>`)}</select></label>
          <label>${this.t('col.line')} <select @change=${(e: Event) => { this.tier = (e.target as HTMLSelectElement).value; void this.load(); }}>
            <option value="">${this.t('work.all')}</option>${['L1', 'L2', 'L3', 'L4'].map((x) => html`<option value=${x} ?selected=${this.tier === x}>${x}</option>`)}</select></label>
        </div>
        ${this.atRisk.length === 0 ? html`<p class="muted">${this.t('sup.none')}</p>` : html`
        <table class="list" aria-labelledby="sup-risk"><thead><tr><th scope="col">${this.t('col.number')}</th><th scope="col">${this.t('col.subject')}</th>
          <th scope="col">${this.t('col.clock')}</th><th scope="col">${this.t('col.due')}</th><th scope="col">${this.t('col.line')}</th><th scope="col">${this.t('sup.reassign')}</th></tr></thead>
        <tbody>${this.atRisk.map((r) => {
          const left = new Date(r.dueAt).getTime() - this.now;
          const agents = this.agents.filter((a) => !r.tier || a.tier === r.tier);
          return html`<tr data-ticket=${r.ticketId}><td><a href="#/tickets/${r.ticketId}">${r.number ?? r.ticketId.slice(0, 8)}</a></td>
          <td>${r.subject ?? ''}</td><td>${this.t(`sla.${r.clock}`)}</td>
          <td class=${left < 0 ? 'sla-overdue' : 'sla-soon'}>${left < 0 ? this.t('sla.overdue', { time: formatDuration(left, this.ctx.lang) }) : this.t('sla.left', { time: formatDuration(left, this.ctx.lang) })}</td>
          <td>${r.tier ?? ''}</td>
          <td><form class="inline" @submit=${(e: Event) => this.reassign(e, r.ticketId)}>
            <label class="sr-only" for="ra-${r.ticketId}-${r.clock}">${this.t('sup.to')}</label>
            <select id="ra-${r.ticketId}-${r.clock}" name="agent">${agents.map((a) => html`<option value=${a.agentId}>${a.agentId} (${a.active}/${a.capacity})</option>`)}</select>
            <button type="submit">${this.t('sup.reassign')}</button></form></td></tr>`; })}</tbody></table>`}
      </section>
      <section aria-labelledby="sup-agents"><h2 id="sup-agents">${this.t('sup.agents')}</h2>
        <table class="list" aria-labelledby="sup-agents"><thead><tr><th scope="col">${this.t('col.agent')}</th><th scope="col">${this.t('col.line')}</th>
          <th scope="col">${this.t('work.presence')}</th><th scope="col">${this.t('col.active')}</th><th scope="col">${this.t('col.capacity')}</th><th scope="col">${this.t('col.utilisation')}</th></tr></thead>
        <tbody>${this.agents.map((a) => html`<tr><th scope="row">${a.agentId}</th><td>${a.tier}</td>
          <td>${a.presence === 'online' ? this.t('work.online') : this.t('work.offline')}</td><td>${a.active}</td><td>${a.capacity}</td>
          <td>${pct(a.utilisation)}</td></tr>`)}</tbody></table>
      </section>`;
  }
}
customElements.define('td-supervision', TdSupervision);
