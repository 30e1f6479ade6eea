// New ticket: L1 registers a call, a walk-in or any request by hand and stays the customer's contact.
import { html, nothing } from 'lit';
import { ApiError, Intent } from '../api';
import { describe, Screen } from '../context';

interface Customer { externalId: string; name: string; email?: string | null; phone?: string | null; language?: string; plan?: string }

export const CHANNELS = ['phone', 'walk-in', 'email', 'web', 'chat', 'messenger', 'portal', 'api'];
export const URGENCIES = ['low', 'medium', 'high', 'critical'];

export class TdNewTicket extends Screen {
  static properties = { found: { state: true }, chosen: { state: true }, error: { state: true }, fieldErrors: { state: true },
    busy: { state: true } };
  declare found: Customer[];
  declare chosen: Customer | null;
  declare error: string;
  declare fieldErrors: string[];
  declare busy: boolean;
  private intent = new Intent();
  private lookupTimer = 0;
  private lookupAbort?: AbortController;

  constructor() {
    super();
    this.found = []; this.chosen = null; this.error = ''; this.fieldErrors = []; this.busy = false;
  }

  private lookup(q: string) {
    clearTimeout(this.lookupTimer);
    if (q.trim().length < 2) { this.found = []; return; }
    this.lookupTimer = window.setTimeout(async () => {
      this.lookupAbort?.abort();
      this.lookupAbort = new AbortController();
      try {
        this.found = await this.ctx.api.get<Customer[]>('intake', `/api/v1/customers?q=${encodeURIComponent(q.trim())}&limit=8`,
          this.lookupAbort.signal);
      } catch { /* the form works without suggestions */ }
    }, 250);
  }

  private choose(c: Customer) {
    this.chosen = c;
    this.found = [];
    const form = this.querySelector('form')!;
    (form.elements.namedItem('customerName') as HTMLInputElement).value = c.name;
    (form.elements.namedItem('customerEmail') as HTMLInputElement).value = c.email ?? '';
    (form.elements.namedItem('customerPhone') as HTMLInputElement).value = c.phone ?? '';
    (form.elements.namedItem('customerLanguage') as HTMLSelectElement).value = c.language ?? this.ctx.lang;
  }

  private async submit(e: Event) {
    e.preventDefault();
    if (this.busy) return;
    const form = e.target as HTMLFormElement;
    const v = (name: string) => ((form.elements.namedItem(name) as HTMLInputElement).value ?? '').trim();
    const optional = (s: string) => (s ? s : undefined);
    const diagnostics = Object.fromEntries(['product', 'location', 'symptoms', 'equipment', 'precedingActions']
      .map((k) => [k, optional(v(k))]).filter(([, x]) => x !== undefined));
    const body = {
      channel: v('channel'),
      customer: { externalId: this.chosen?.externalId, name: v('customerName'), email: optional(v('customerEmail')),
        phone: optional(v('customerPhone')), language: v('customerLanguage') },
      subject: v('subject'), body: v('description'), urgency: v('urgency'), diagnostics,
    };
    this.busy = true;
    try {
      const answer = await this.ctx.api.post<{ ticketId: string; number: string }>('intake', '/api/v1/tickets', body, this.intent);
      this.intent.done();
      this.ctx.toast(`${answer.data.number}`);
      this.ctx.navigate(`/tickets/${answer.data.ticketId}`);
    } catch (err) {
      this.fieldErrors = err instanceof ApiError ? err.problem.fields : [];
      this.error = describe(this.ctx, err);
    } finally {
      this.busy = false;
    }
  }

  private field(name: string, label: string, input: unknown, apiField = name) {
    const invalid = this.fieldErrors.includes(apiField);
    return html`<div class="field ${invalid ? 'invalid' : ''}"><label for="nt-${name}">${label}</label>${input}</div>`;
  }

  render() {
    const invalid = (f: string) => (this.fieldErrors.includes(f) ? 'true' : 'false');
    return html`<h1>${this.t('new.title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <form class="grid" @submit=${this.submit} novalidate>
        <fieldset><legend>${this.t('ticket.customer')}</legend>
          ${this.field('customerName', this.t('new.customerName'), html`<input id="nt-customerName" name="customerName" required
            autocomplete="off" aria-invalid=${invalid('customer.name')} aria-describedby="nt-lookup"
            @input=${(e: Event) => { this.chosen = null; this.lookup((e.target as HTMLInputElement).value); }}>`, 'customer.name')}
          <div id="nt-lookup" aria-live="polite">
            ${this.chosen ? html`<p>${this.t('new.chosen', { name: this.chosen.name })}
              <button type="button" @click=${() => { this.chosen = null; }}>${this.t('new.clear')}</button></p>` : nothing}
            ${this.found.length ? html`<ul class="lookup" aria-label=${this.t('new.lookup')}>${this.found.map((c) => html`<li>
              <button type="button" @click=${() => this.choose(c)}>${c.name}${c.email ? ` · ${c.email}` : ''}${c.plan ? ` · ${c.plan}` : ''}</button></li>`)}</ul>` : nothing}
          </div>
          ${this.field('customerEmail', this.t('new.customerEmail'), html`<input id="nt-customerEmail" name="customerEmail" type="email"
            aria-invalid=${invalid('customer.email')} @input=${(e: Event) => this.lookup((e.target as HTMLInputElement).value)}>`, 'customer.email')}
          ${this.field('customerPhone', this.t('new.customerPhone'), html`<input id="nt-customerPhone" name="customerPhone" type="tel"
            aria-invalid=${invalid('customer.phone')}>`, 'customer.phone')}
          ${this.field('customerLanguage', this.t('new.customerLanguage'), html`<select id="nt-customerLanguage" name="customerLanguage">
            <option value="ru" ?selected=${this.ctx.lang === 'ru'}>Русский</option><option value="en" ?selected=${this.ctx.lang === 'en'}>English</option></select>`)}
        </fieldset>
        <fieldset><legend>${this.t('new.title')}</legend>
          ${this.field('channel', this.t('new.channel'), html`<select id="nt-channel" name="channel" aria-invalid=${invalid('channel')}>
            ${CHANNELS.map((c) => html`<option value=${c}>${c}</option>`)}</select>`)}
          ${this.field('urgency', this.t('new.urgency'), html`<select id="nt-urgency" name="urgency">
            ${URGENCIES.map((u) => html`<option value=${u} ?selected=${u === 'medium'}>${u}</option>`)}</select>`)}
          ${this.field('subject', this.t('new.subject'), html`<input id="nt-subject" name="subject" required maxlength="500"
            aria-invalid=${invalid('subject')}>`)}
          ${this.field('description', this.t('new.description'), html`<textarea id="nt-description" name="description" rows="6" required
            aria-invalid=${invalid('body')}></textarea>`, 'body')}
        </fieldset>
        <fieldset><legend>${this.t('new.diagnostics')}</legend>
          ${[['product', 'new.product'], ['location', 'new.location'], ['equipment', 'new.equipment']].map(([k, l]) =>
            this.field(k, this.t(l), html`<input id="nt-${k}" name=${k} maxlength="200" aria-invalid=${invalid(`diagnostics.${k}`)}>`))}
          ${[['symptoms', 'new.symptoms'], ['precedingActions', 'new.preceding']].map(([k, l]) =>
            this.field(k, this.t(l), html`<textarea id="nt-${k}" name=${k} rows="2" aria-invalid=${invalid(`diagnostics.${k}`)}></textarea>`))}
        </fieldset>
        <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy}>${this.t('new.register')}</button></div>
      </form>`;
  }
}
customElements.define('td-new-ticket', TdNewTicket);
