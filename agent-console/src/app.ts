// The shell: sign-in, navigation per role, the language switch, the "service unavailable" banner and notices.
// Routing is by the URL's fragment (#/work, #/tickets/<id>); the token never appears in it.
import { html, nothing } from 'lit';
import { Api } from './api';
import { type Ctx, Screen } from './context';
import { LANGS, preferredLanguage, translate, type Lang } from './i18n';
import * as sessions from './session';

interface DemoUser { id: string; name: string; roles: string[]; tier?: string }

export class TdApp extends Screen {
  static properties = {
    session: { state: true }, lang: { state: true }, route: { state: true }, message: { state: true },
    demoUsers: { state: true }, banner: { state: true }, toasts: { state: true },
  };
  declare session: sessions.Session | null;
  declare lang: Lang;
  declare route: string;
  declare message: string;
  declare demoUsers: DemoUser[];
  declare banner: string;
  declare toasts: { id: number; text: string }[];
  private api = new Api(() => this.session?.token ?? null, () => this.signOut('signin.expired'));
  private expiryTimer = 0;
  private toastId = 0;

  constructor() {
    super();
    this.lang = preferredLanguage(localStorage.getItem('tierdesk.lang'), navigator.languages ?? [navigator.language]);
    this.session = sessions.load();
    if (this.session && sessions.isExpired(this.session)) { sessions.clear(); this.session = null; this.message = 'signin.expired'; }
    this.route = location.hash.slice(1) || '';
    this.message = this.message ?? '';
    this.demoUsers = [];
    this.banner = '';
    this.toasts = [];
    addEventListener('hashchange', () => { this.route = location.hash.slice(1); });
  }

  connectedCallback() {
    super.connectedCallback();
    document.documentElement.lang = this.lang;
    this.armExpiry();
    void fetch('/edge/demo-users').then((r) => (r.ok ? r.json() : { users: [] }))
      .then((b: { users: DemoUser[] }) => { this.demoUsers = b.users ?? []; }).catch(() => {});
  }

  private ctxCache?: { key: string; ctx: Ctx };

  /** The same object while the user and language stay: a new one would redraw the whole screen (a notice does not). */
  private get ctx_(): Ctx {
    const key = `${this.session?.token}|${this.lang}`;
    if (this.ctxCache?.key !== key) {
      this.ctxCache = { key, ctx: {
        api: this.api, session: this.session!, lang: this.lang, zone: undefined,
        navigate: (path: string) => { location.hash = path; },
        toast: (text: string) => this.toast(text),
        unavailable: (service: string) => { this.banner = translate(this.lang, 'banner.unavailable', { service }); },
      } };
    }
    return this.ctxCache.ctx;
  }

  private tr(key: string, params: Record<string, string | number> = {}) { return translate(this.lang, key, params); }

  private toast(text: string) {
    const id = ++this.toastId;
    // A burst shows its latest few notices, not a column of them.
    this.toasts = [...this.toasts.slice(-2), { id, text }];
    setTimeout(() => { this.toasts = this.toasts.filter((x) => x.id !== id); }, 8000);
  }

  private armExpiry() {
    clearTimeout(this.expiryTimer);
    if (this.session && Number.isFinite(this.session.expiresAt)) {
      const left = Math.min(this.session.expiresAt - Date.now(), 2 ** 31 - 1);
      this.expiryTimer = window.setTimeout(() => this.signOut('signin.expired'), Math.max(left, 0));
    }
  }

  private signIn(token: string) {
    const session = sessions.decode(token);
    if (!session) { this.message = 'signin.invalid'; return; }
    if (sessions.isExpired(session)) { this.message = 'signin.expired'; return; }
    sessions.save(session);
    this.session = session;
    this.message = '';
    this.armExpiry();
    const screens = sessions.screensFor(session.roles);
    if (!this.route || this.route === '/') location.hash = `/${screens[0] ?? 'knowledge'}`;
  }

  private signOut(message = 'signin.signedOut') {
    sessions.clear();
    this.session = null;
    this.message = message;
    clearTimeout(this.expiryTimer);
  }

  private async demoSignIn(user: DemoUser) {
    const r = await fetch('/edge/demo-token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: user.id }) });
    if (r.ok) this.signIn((await r.json()).token);
    else this.message = 'signin.invalid';
  }

  private setLang(lang: Lang) {
    this.lang = lang;
    localStorage.setItem('tierdesk.lang', lang);
    document.documentElement.lang = lang;
  }

  private languageSwitch() {
    return html`<div class="lang" role="group" aria-label=${this.tr('app.language')}>
      ${LANGS.map((l) => html`<button type="button" aria-pressed=${String(l === this.lang)} @click=${() => this.setLang(l)}
        lang=${l}>${l === 'ru' ? 'Русский' : 'English'}</button>`)}</div>`;
  }

  private signInPage() {
    const submit = (e: Event) => {
      e.preventDefault();
      const input = (e.target as HTMLFormElement).elements.namedItem('token') as HTMLTextAreaElement;
      this.signIn(input.value);
      input.value = '';
    };
    return html`<header class="bar"><span class="brand">Tierdesk</span>${this.languageSwitch()}</header>
      <main id="main" class="signin">
        <h1>${this.tr('signin.title')}</h1>
        ${this.message ? html`<p class="notice" role="alert">${this.tr(this.message)}</p>` : nothing}
        <form @submit=${submit} autocomplete="off">
          <label for="token">${this.tr('signin.token')}</label>
          <textarea id="token" name="token" rows="4" spellcheck="false" required aria-describedby="token-hint"></textarea>
          <p id="token-hint" class="hint">${this.tr('signin.hint')}</p>
          <button type="submit" class="primary">${this.tr('signin.submit')}</button>
        </form>
        ${this.demoUsers.length ? html`<section aria-labelledby="demo-users"><h2 id="demo-users">${this.tr('signin.demo')}</h2>
          <ul class="demo-users">${this.demoUsers.map((u) => html`<li><button type="button" @click=${() => this.demoSignIn(u)}
            aria-label=${this.tr('signin.as', { name: u.name })}>${u.name}</button>
            <span class="muted">${u.roles.join(', ')}${u.tier ? ` · ${u.tier}` : ''}</span></li>`)}</ul></section>` : nothing}
      </main>`;
  }

  private screen() {
    const session = this.session!;
    const screens = sessions.screensFor(session.roles);
    const [, first, second] = this.route.split('/');
    const ctx = this.ctx_;
    const allowed = (s: sessions.Screen) => screens.includes(s);
    if (first === 'tickets' && second) return html`<td-ticket .ctx=${ctx} .ticketId=${second}></td-ticket>`;
    if (first === 'articles' && second) return html`<td-article .ctx=${ctx} .articleId=${second}></td-article>`;
    const target = (first || screens[0]) as sessions.Screen;
    if (!allowed(target)) return html`<p class="notice" role="alert">${this.tr('problem.forbidden', { rule: 'role', detail: session.roles.join(', ') })}</p>`;
    switch (target) {
      case 'work': return html`<td-work .ctx=${ctx}></td-work>`;
      case 'new': return html`<td-new-ticket .ctx=${ctx}></td-new-ticket>`;
      case 'knowledge': return html`<td-knowledge .ctx=${ctx}></td-knowledge>`;
      case 'supervision': return html`<td-supervision .ctx=${ctx}></td-supervision>`;
      case 'quality': return html`<td-quality .ctx=${ctx}></td-quality>`;
      default: return nothing;
    }
  }

  render() {
    if (!this.session) return this.signInPage();
    const screens = sessions.screensFor(this.session.roles);
    const current = this.route.split('/')[1] || screens[0];
    return html`<a class="skip" href="#main" @click=${(e: Event) => { e.preventDefault(); this.querySelector<HTMLElement>('#main')?.focus(); }}>${this.tr('app.skip')}</a>
      <header class="bar">
        <span class="brand">Tierdesk</span>
        <nav aria-label=${this.tr('nav.main')}><ul>${screens.map((s) => html`<li><a href="#/${s}"
          aria-current=${s === current ? 'page' : 'false'}>${this.tr(`nav.${s}`)}</a></li>`)}</ul></nav>
        <span class="who">${this.session.name}</span>
        ${this.languageSwitch()}
        <button type="button" @click=${() => this.signOut()}>${this.tr('app.signOut')}</button>
      </header>
      ${this.banner ? html`<div class="banner" role="alert">${this.banner}
        <button type="button" @click=${() => location.reload()}>${this.tr('banner.retry')}</button></div>` : nothing}
      <main id="main" tabindex="-1">${this.screen()}</main>
      <div class="toasts" role="status" aria-live="polite">${this.toasts.map((x) => html`<p class="toast">${x.text}</p>`)}</div>`;
  }
}
customElements.define('td-app', TdApp);
