// The ticket page: everything about one ticket and every action on it, SLA clocks counting down, the timeline
// from every service, suggested articles. A stale page that acts gets the API's 409/412 and the fresh state.
import { html, nothing } from 'lit';
import { ApiError, Intent, Unavailable, type Service } from '../api';
import { describe, Screen } from '../context';
import { clocksFromTicketView, orderedClocks, type ClockAnswer, type ClockView } from '../sla';
import { formatDateTime, formatDuration } from '../time';

interface Ticket {
  ticketId: string; number: string; subject: string; body: string; status: string; priority?: string; tier?: string;
  owner?: string | null; assignee?: string | null; channel: string; plan?: string; version: number; openedAt: string;
  customer?: { name?: string; email?: string | null; phone?: string | null; language?: string };
  diagnostics?: Record<string, string | null>; category?: string | null;
  sla?: Record<string, { state?: string; dueAt?: string | null }>;
  solution?: { summary?: string; articleId?: string | null; by?: string; at?: string } | null;
}
interface TimelineEntry { eventId: string; type: string; actor?: string; source?: string; occurredAt: string; data: Record<string, unknown> }
interface Suggestion { articleId: string; title: string; score?: number; snippet?: string; language?: string }

const DIAGNOSTICS = ['product', 'location', 'equipment', 'symptoms', 'precedingActions'] as const;
const TIERS = ['L1', 'L2', 'L3', 'L4'];

export class TdTicket extends Screen {
  static properties = { ticketId: { attribute: false }, ticket: { state: true }, timeline: { state: true },
    clocks: { state: true }, suggestions: { state: true }, error: { state: true }, info: { state: true },
    now: { state: true }, busy: { state: true }, reply: { state: true }, partErrors: { state: true },
    vendors: { state: true } };
  /** The vendors an escalation to L4 may name (empty while escalation-router is away). */
  declare vendors: { id: string; name: string }[];
  declare partErrors: Record<string, string>;
  declare ticketId: string;
  declare ticket: Ticket | null;
  declare timeline: TimelineEntry[];
  declare clocks: ClockAnswer[];
  declare suggestions: Suggestion[];
  declare error: string;
  /** A message key, translated when drawn: a language switch changes it too. */
  declare info: string;
  declare now: number;
  declare busy: boolean;
  declare reply: string;
  private intents = new Map<string, Intent>();
  private ticker = 0;
  private refresher = 0;

  constructor() {
    super();
    this.ticket = null; this.timeline = []; this.clocks = []; this.suggestions = []; this.error = ''; this.info = '';
    this.now = Date.now(); this.busy = false; this.reply = ''; this.partErrors = {}; this.vendors = [];
  }

  connectedCallback() {
    super.connectedCallback();
    void this.load().then(() => this.warmUp());
    this.ticker = window.setInterval(() => { this.now = Date.now(); }, 1000);
    // Other people and services change the ticket too: a quiet refresh keeps the page near the truth.
    this.refresher = window.setInterval(() => void this.load(true), 15_000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.ticker);
    clearInterval(this.refresher);
  }

  /** A new ticket's clocks and suggestions come from other services a moment later: look again soon, not in 15 s. */
  private async warmUp() {
    for (const wait of [1000, 1500, 2500, 4000, 6000]) {
      if (this.clocks.length && this.suggestions.length) return;
      await new Promise((r) => setTimeout(r, wait));
      if (!this.isConnected) return;
      await this.load(true);
    }
  }

  private intent(action: string) {
    if (!this.intents.has(action)) this.intents.set(action, new Intent());
    return this.intents.get(action)!;
  }

  async load(quiet = false) {
    const api = this.ctx.api;
    const id = encodeURIComponent(this.ticketId);
    // A ticket registered a moment ago may not be in intake's view yet (a projection): look again briefly.
    for (const wait of this.ticket ? [0] : [0, 100, 200, 300, 500, 800, 1200, 2000, 3000, 3000, 3000, 3000]) {
      await new Promise((r) => setTimeout(r, wait));
      try {
        this.ticket = await api.get<Ticket>('intake', `/api/v1/tickets/${id}`);
        if (!quiet) this.error = '';
        break;
      } catch (e) {
        if (e instanceof ApiError && e.status === 404 && wait < 3000) continue;
        if (!quiet || !this.ticket) this.error = describe(this.ctx, e);
        return;
      }
    }
    if (!this.ticket) return;
    // Each part waits only for its own service: a dead service empties its part, not the page.
    const [timeline, sla, suggestions] = await Promise.allSettled([
      api.get<TimelineEntry[]>('intake', `/api/v1/tickets/${id}/timeline?limit=1000`),
      api.get<{ clocks: ClockAnswer[] }>('sla', `/api/v1/tickets/${id}/sla`),
      api.get<{ articles: Suggestion[] }>('knowledge', `/api/v1/tickets/${id}/suggestions`),
    ]);
    if (timeline.status === 'fulfilled') this.timeline = timeline.value;
    this.clocks = sla.status === 'fulfilled' ? sla.value.clocks : clocksFromTicketView(this.ticket.sla);
    if (suggestions.status === 'fulfilled') this.suggestions = suggestions.value.articles ?? [];
    if (!this.vendors.length) this.vendors = await api.get<{ id: string; name: string }[]>('router', '/api/v1/vendors').catch(() => []);
    // A part whose service is down says so in its place (and the banner offers a retry); the rest stays usable.
    const down = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' && r.reason instanceof Unavailable ? describe(this.ctx, r.reason) : '');
    this.partErrors = { timeline: down(timeline), sla: down(sla),
      suggestions: down(suggestions) };
  }

  /** Runs one action: the same Idempotency-Key until it succeeds; a conflict reloads the ticket. */
  private async act(action: string, service: Service, path: string, body: unknown, opts: { ifMatch?: boolean; put?: boolean } = {}) {
    if (this.busy) return false;
    this.busy = true;
    this.error = ''; this.info = '';
    const ifMatch = opts.ifMatch ? this.ticket?.version : undefined;
    try {
      const answer = opts.put ? await this.ctx.api.put<{ version?: number }>(service, path, body, ifMatch)
        : await this.ctx.api.post<{ version?: number }>(service, path, body, this.intent(action), ifMatch);
      this.intent(action).done();
      this.info = 'ticket.done';
      await this.settle(answer.data?.version);
      return true;
    } catch (e) {
      this.error = describe(this.ctx, e);
      if (e instanceof ApiError && (e.status === 409 || e.status === 412)) await this.load(true);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /**
   * The page reads projections, which follow a command by a moment: wait until the view has the version the
   * command answered (intake), or for the other services' events to reach it (a few quick looks), not 15 s.
   */
  private async settle(version?: number) {
    const before = this.ticket ? JSON.stringify([this.ticket.version, this.ticket.tier, this.ticket.assignee, this.ticket.status]) : '';
    for (const wait of [150, 250, 400, 600, 800, 1000, 1500, 2000]) {
      await new Promise((r) => setTimeout(r, wait));
      await this.load(true);
      const t = this.ticket;
      if (!t) return;
      if (version !== undefined ? t.version >= version : JSON.stringify([t.version, t.tier, t.assignee, t.status]) !== before) return;
    }
  }

  private form(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    return { form, v: (name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim() };
  }

  private ticketPath(suffix: string) { return `/api/v1/tickets/${encodeURIComponent(this.ticketId)}${suffix}`; }

  private async message(e: Event) {
    const { form, v } = this.form(e);
    const kind = (e as SubmitEvent).submitter?.getAttribute('value') ?? 'reply';
    const text = v('message');
    const done = kind === 'reply' ? await this.act('reply', 'intake', this.ticketPath('/replies'), { body: text })
      : kind === 'question' ? await this.act('question', 'intake', this.ticketPath('/questions'), { question: text })
        : await this.act('note', 'intake', this.ticketPath('/notes'), { note: text });
    if (done) { form.reset(); this.reply = ''; }
  }

  private async useInReply(s: Suggestion) {
    try {
      const article = await this.ctx.api.get<{ title: string; solution?: string }>('knowledge', `/api/v1/articles/${s.articleId}`);
      this.reply = `${this.reply ? `${this.reply}\n\n` : ''}${article.solution ?? article.title}`;
      const box = this.querySelector<HTMLTextAreaElement>('#tk-message');
      if (box) { box.value = this.reply; box.focus(); }
      const solvedBy = this.querySelector<HTMLSelectElement>('#tk-article');
      if (solvedBy) solvedBy.value = s.articleId;
    } catch (e) {
      this.error = describe(this.ctx, e);
    }
  }

  private async feedback(s: Suggestion, helpful: boolean) {
    this.error = ''; this.info = '';
    try {
      await this.ctx.api.post('knowledge', `/api/v1/articles/${s.articleId}/feedback`, { ticketId: this.ticketId, helpful });
      this.info = 'ticket.thanks';
    } catch (e) {
      this.error = describe(this.ctx, e);
    }
  }

  private async draft() {
    this.error = '';
    try {
      const answer = await this.ctx.api.post<{ articleId: string }>('knowledge', this.ticketPath('/article-draft'), {}, this.intent('draft'));
      this.intent('draft').done();
      this.ctx.navigate(`/articles/${answer.data.articleId}`);
    } catch (e) {
      this.error = describe(this.ctx, e);
    }
  }

  private clock(c: ClockView) {
    const lang = this.ctx.lang;
    let text: string;
    const left = c.leftMs;
    if (c.state === 'paused') text = this.t('sla.paused');
    else if (c.state === 'met') text = this.t('sla.met');
    else if (c.state === 'stopped') text = this.t('sla.stopped');
    else if (c.state === 'breached') text = `${this.t('sla.breached')}${left !== null ? ` · ${this.t('sla.overdue', { time: formatDuration(left, lang) })}` : ''}`;
    else if (left === null) text = '—';
    else text = left < 0 ? this.t('sla.overdue', { time: formatDuration(left, lang) }) : this.t('sla.left', { time: formatDuration(left, lang) });
    return html`<li class="clock ${c.urgency}" data-clock=${c.clock} data-state=${c.state}>
      <span class="clock-name">${this.t(`sla.${c.clock}`)}</span>
      <span class="clock-left">${text}</span>
      ${c.urgency === 'warned' ? html`<span class="badge">${this.t('sla.warned')}</span>` : nothing}
      ${c.dueAt ? html`<time datetime=${c.dueAt} class="muted">${formatDateTime(c.dueAt, lang, this.ctx.zone)}</time>` : nothing}</li>`;
  }

  private entry(e: TimelineEntry) {
    const kind = e.type.replace(/^tierdesk\./, '').replace(/\.v\d+$/, '');
    const d = e.data;
    const text = [d.body, d.note, d.question, d.solutionSummary, d.reason, d.subject, d.recipient, d.clock, d.targetTier ?? d.to]
      .filter((x) => typeof x === 'string' && x).slice(0, 2).join(' · ');
    return html`<li class="event ${kind.split('.')[0]}"><time datetime=${e.occurredAt}>${formatDateTime(e.occurredAt, this.ctx.lang, this.ctx.zone)}</time>
      <strong>${kind}</strong> <span class="muted">${e.actor ?? ''}</span>${text ? html`<div class="event-text">${text}</div>` : nothing}</li>`;
  }

  render() {
    const tk = this.ticket;
    if (!tk) return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p>${this.t('common.loading')}</p>`}`;
    const me = this.ctx.session.subject;
    const open = !['resolved', 'closed'].includes(tk.status);
    const tierIndex = TIERS.indexOf(tk.tier ?? 'L1');
    const clocks = orderedClocks(this.clocks, this.now);
    return html`<h1>${this.t('ticket.title', { number: tk.number })}: ${tk.subject}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.info ? html`<p class="info" role="status">${this.t(this.info)}</p>` : nothing}
      <div class="ticket-layout">
      <section aria-label=${tk.number} class="card">
        <dl class="facts">
          <dt>${this.t('ticket.status')}</dt><dd data-field="status"><span class="status ${tk.status}" data-status=${tk.status}>${this.t(`status.${tk.status}`)}</span></dd>
          <dt>${this.t('ticket.priority')}</dt><dd>${tk.priority ?? '—'}</dd>
          <dt>${this.t('ticket.line')}</dt><dd data-field="tier">${tk.tier ?? '—'}</dd>
          <dt>${this.t('ticket.owner')}</dt><dd>${tk.owner ?? '—'}</dd>
          <dt>${this.t('ticket.assignee')}</dt><dd data-field="assignee">${tk.assignee ?? '—'}</dd>
          <dt>${this.t('ticket.customer')}</dt><dd>${tk.customer?.name ?? ''} ${tk.customer?.email ? html`<span class="muted">${tk.customer.email}</span>` : nothing}</dd>
          <dt>${this.t('ticket.plan')}</dt><dd>${tk.plan ?? '—'}</dd>
          <dt>${this.t('ticket.channel')}</dt><dd>${tk.channel}</dd>
          <dt>${this.t('ticket.opened')}</dt><dd>${formatDateTime(tk.openedAt, this.ctx.lang, this.ctx.zone)}</dd>
        </dl>
        <p class="body">${tk.body}</p>
        ${tk.solution?.summary ? html`<p><strong>${this.t('ticket.solutionGiven')}:</strong> ${tk.solution.summary}</p>` : nothing}
      </section>
      <section class="card" role="region" aria-label=${this.t('ticket.sla')}>
        <h2>${this.t('ticket.sla')}</h2>
        ${this.partErrors.sla ? html`<p class="notice" role="status">${this.partErrors.sla}</p>` : nothing}
        ${clocks.length ? html`<ul class="clocks">${clocks.map((c) => this.clock(c))}</ul>` : html`<p class="muted">${this.t('sla.none')}</p>`}
      </section>
      <section class="card" aria-labelledby="tk-actions"><h2 id="tk-actions">${this.t('ticket.actions')}</h2>
        ${open && tk.assignee !== me && !tk.assignee ? html`<button type="button" @click=${() => this.act('take', 'router', this.ticketPath('/assignment'), {})}>${this.t('ticket.take')}</button>` : nothing}
        <form @submit=${this.message} class="stack">
          <label for="tk-message">${this.t('ticket.message')}</label>
          <textarea id="tk-message" name="message" rows="5" required .value=${this.reply}
            @input=${(e: Event) => { this.reply = (e.target as HTMLTextAreaElement).value; }}></textarea>
          <div class="actions">
            <button type="submit" value="reply" class="primary" ?disabled=${this.busy || !open}>${this.t('ticket.reply')}</button>
            <button type="submit" value="question" ?disabled=${this.busy || !open}>${this.t('ticket.ask')}</button>
            <button type="submit" value="note" ?disabled=${this.busy}>${this.t('ticket.note')}</button>
          </div>
        </form>
        ${open ? html`<form class="stack" @submit=${(e: Event) => { const { v } = this.form(e);
            void this.act('resolve', 'intake', this.ticketPath('/resolution'), { solutionSummary: v('solution'), articleId: v('article') || undefined }, { ifMatch: true }); }}>
          <label for="tk-solution">${this.t('ticket.solution')}</label>
          <textarea id="tk-solution" name="solution" rows="2" required></textarea>
          <label for="tk-article">${this.t('ticket.solvedBy')}</label>
          <select id="tk-article" name="article"><option value="">${this.t('ticket.noArticle')}</option>
            ${this.suggestions.map((s) => html`<option value=${s.articleId}>${s.title}</option>`)}</select>
          <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.t('ticket.resolve')}</button></div>
        </form>
        <form class="stack" @submit=${(e: Event) => { const { v } = this.form(e);
            const toVendor = v('target') === 'L4';
            void this.act('escalate', 'router', this.ticketPath('/escalations'), { targetTier: v('target'), reason: v('reason'),
              vendor: toVendor ? v('vendor') : undefined, vendorCase: toVendor ? v('vendorCase') : undefined }); }}>
          <label for="tk-target">${this.t('ticket.target')}</label>
          <select id="tk-target" name="target">${TIERS.slice(tierIndex + 1).map((x) => html`<option value=${x}>${x}</option>`)}</select>
          <label for="tk-reason">${this.t('ticket.reason')}</label>
          <input id="tk-reason" name="reason" maxlength="500" required>
          <label for="tk-vendor">${this.t('ticket.vendor')}</label>
          <select id="tk-vendor" name="vendor"><option value=""></option>${this.vendors.map((x) => html`<option value=${x.id}>${x.name}</option>`)}</select>
          <label for="tk-vendor-case">${this.t('ticket.vendorCase')}</label>
          <input id="tk-vendor-case" name="vendorCase" maxlength="200">
          <div class="actions"><button type="submit" ?disabled=${this.busy || tierIndex >= 3}>${this.t('ticket.escalate')}</button>
            ${tierIndex > 0 ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.act('return', 'router', this.ticketPath('/returns'), { note: '' })}>${this.t('ticket.return')}</button>` : nothing}</div>
        </form>` : nothing}
        ${open && tk.tier === 'L4' ? html`<form class="stack" @submit=${(e: Event) => { const { v } = this.form(e);
            const resolved = ((e.target as HTMLFormElement).elements.namedItem('vendorResolved') as HTMLInputElement).checked;
            void this.act('vendor-update', 'router', this.ticketPath('/vendor-updates'), { message: v('vendorMessage'), resolved }); }}>
          <label for="tk-vendor-message">${this.t('ticket.vendorMessage')}</label>
          <textarea id="tk-vendor-message" name="vendorMessage" rows="2" required></textarea>
          <label><input type="checkbox" name="vendorResolved"> ${this.t('ticket.vendorResolved')}</label>
          <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.t('ticket.vendorUpdate')}</button></div>
        </form>` : nothing}
        <div class="actions">
          ${tk.status === 'resolved' ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.act('close', 'intake', this.ticketPath('/closure'), {}, { ifMatch: true })}>${this.t('ticket.close')}</button>` : nothing}
          ${!open ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.act('reopen', 'intake', this.ticketPath('/reopening'), { reason: 'reopened from the console' })}>${this.t('ticket.reopen')}</button>` : nothing}
          ${tk.status === 'resolved' || tk.status === 'closed' ? html`<button type="button" @click=${() => this.draft()}>${this.t('ticket.draft')}</button>` : nothing}
        </div>
      </section>
      <section class="card" aria-labelledby="tk-suggested"><h2 id="tk-suggested">${this.t('ticket.suggested')}</h2>
        ${this.partErrors.suggestions ? html`<p class="notice" role="status">${this.partErrors.suggestions}</p>` : nothing}
        ${this.partErrors.suggestions ? nothing : this.suggestions.length ? html`<ul class="suggestions">${this.suggestions.map((s) => html`<li data-article=${s.articleId}>
          <a href="#/articles/${s.articleId}">${s.title}</a>
          <div class="actions"><button type="button" @click=${() => this.useInReply(s)}>${this.t('ticket.useInReply')}</button>
          <button type="button" @click=${() => this.feedback(s, true)} aria-label="${this.t('ticket.helpful')}: ${s.title}">${this.t('ticket.helpful')}</button>
          <button type="button" @click=${() => this.feedback(s, false)} aria-label="${this.t('ticket.notHelpful')}: ${s.title}">${this.t('ticket.notHelpful')}</button></div></li>`)}</ul>`
          : html`<p class="muted">${this.t('ticket.noSuggestions')}</p>`}
      </section>
      <section class="card" aria-labelledby="tk-diag"><h2 id="tk-diag">${this.t('ticket.diagnostics')}</h2>
        <form class="stack" @submit=${(e: Event) => { const { v } = this.form(e);
            const body = Object.fromEntries([...DIAGNOSTICS, 'category'].map((k) => [k, v(k) || null]));
            void this.act('diagnostics', 'intake', this.ticketPath('/diagnostics'), body, { ifMatch: true, put: true }); }}>
          ${DIAGNOSTICS.map((k) => html`<label for="tk-d-${k}">${this.t(`new.${k === 'precedingActions' ? 'preceding' : k}`)}</label>
            <input id="tk-d-${k}" name=${k} .value=${tk.diagnostics?.[k] ?? ''}>`)}
          <label for="tk-d-category">${this.t('ticket.category')}</label><input id="tk-d-category" name="category" .value=${tk.category ?? ''}>
          <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.t('ticket.saveDiagnostics')}</button></div>
        </form>
      </section>
      <section class="card wide" aria-labelledby="tk-timeline"><h2 id="tk-timeline">${this.t('ticket.timeline')}</h2>
        ${this.partErrors.timeline ? html`<p class="notice" role="status">${this.partErrors.timeline}</p>` : nothing}
        <ol class="timeline">${this.timeline.map((e) => this.entry(e))}</ol>
      </section>
      </div>`;
  }
}
customElements.define('td-ticket', TdTicket);
