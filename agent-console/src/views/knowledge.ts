// Knowledge: search with snippets, the articles and their review, candidates from tickets, search gaps.
import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { ApiError, Intent } from '../api';
import { describe, Screen } from '../context';
import { snippetParts } from '../markup';
import { formatDateTime } from '../time';

interface Hit { articleId: string; title: string; language: string; audience: string; score: number; snippet: string }
interface ArticleRow { articleId: string; title: string; state: string; latestVersion: number; liveVersion?: number | null; language: string; updatedAt: string }
interface Candidate { subject: string; size: number; ticketIds: string[] }
const draftIntents = new Map<string, Intent>();
interface Gap { query: string; searches: number; lastAt: string }
interface Article {
  articleId: string; version: number; latestVersion: number; state: string; liveVersion?: number | null; author?: string;
  comment?: string | null; title: string; problem?: string; cause?: string; solution?: string; language: string; audience: string;
  tier?: string; products?: string[]; tags?: string[]; html?: { problem?: string; cause?: string; solution?: string };
}

export class TdKnowledge extends Screen {
  static properties = { hits: { state: true }, articles: { state: true }, candidates: { state: true }, gaps: { state: true },
    error: { state: true }, searched: { state: true } };
  declare hits: Hit[];
  declare articles: ArticleRow[];
  declare candidates: Candidate[];
  declare gaps: Gap[];
  declare error: string;
  declare searched: boolean;

  constructor() {
    super();
    this.hits = []; this.articles = []; this.candidates = []; this.gaps = []; this.error = ''; this.searched = false;
  }

  private get editor() { return this.ctx.session.roles.some((r) => r === 'kb-editor' || r === 'supervisor' || r === 'admin'); }

  connectedCallback() {
    super.connectedCallback();
    const api = this.ctx.api;
    void api.get<{ items: ArticleRow[] }>('knowledge', '/api/v1/articles?limit=100').then((r) => { this.articles = r.items; })
      .catch((e) => { this.error = describe(this.ctx, e); });
    void api.get<Candidate[]>('knowledge', '/api/v1/articles/candidates?limit=20').then((r) => { this.candidates = r; }).catch(() => {});
    if (this.editor) void api.get<Gap[]>('knowledge', '/api/v1/search/gaps?limit=20').then((r) => { this.gaps = r; }).catch(() => {});
  }

  /** One draft for a group of tickets of one problem: written from the first, covering the rest. */
  private async draftFrom(c: Candidate) {
    const key = c.ticketIds.join(',');
    if (!draftIntents.has(key)) draftIntents.set(key, new Intent());
    try {
      const answer = await this.ctx.api.post<{ articleId: string }>('knowledge', `/api/v1/tickets/${c.ticketIds[0]}/article-draft`,
        { covers: c.ticketIds.slice(1) }, draftIntents.get(key));
      draftIntents.delete(key);
      this.ctx.navigate(`/articles/${answer.data.articleId}`);
    } catch (e) {
      this.error = describe(this.ctx, e);
    }
  }

  private async search(e: Event) {
    e.preventDefault();
    const q = ((e.target as HTMLFormElement).elements.namedItem('q') as HTMLInputElement).value.trim();
    if (!q) return;
    try {
      this.hits = (await this.ctx.api.get<{ items: Hit[] }>('knowledge', `/api/v1/search?q=${encodeURIComponent(q)}&limit=20`)).items;
      this.error = '';
    } catch (err) {
      this.error = describe(this.ctx, err);
    }
    this.searched = true;
  }

  render() {
    const canWrite = this.ctx.session.roles.some((r) => r === 'agent' || r === 'kb-editor');
    return html`<h1>${this.t('kb.title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <form role="search" class="inline" @submit=${this.search}>
        <label for="kb-q">${this.t('kb.search')}</label><input id="kb-q" name="q" type="search" maxlength="500">
        <button type="submit" class="primary">${this.t('kb.find')}</button>
        ${canWrite ? html`<a class="button" href="#/articles/new">${this.t('kb.new')}</a>` : nothing}
      </form>
      ${this.searched ? html`<section aria-labelledby="kb-results"><h2 id="kb-results">${this.t('kb.results')}</h2>
        ${this.hits.length ? html`<ol class="hits">${this.hits.map((h) => html`<li data-article=${h.articleId}>
          <a href="#/articles/${h.articleId}">${h.title}</a> <span class="muted">${h.language} · ${h.audience}</span>
          <p class="snippet">${snippetParts(h.snippet).map((p) => (p.marked ? html`<mark>${p.text}</mark>` : p.text))}</p></li>`)}</ol>`
          : html`<p class="muted">${this.t('kb.none')}</p>`}</section>` : nothing}
      <section aria-labelledby="kb-articles"><h2 id="kb-articles">${this.t('kb.articles')}</h2>
        <table class="list" aria-labelledby="kb-articles"><thead><tr><th scope="col">${this.t('col.title')}</th>
          <th scope="col">${this.t('col.state')}</th><th scope="col">${this.t('col.language')}</th><th scope="col">${this.t('col.updated')}</th></tr></thead>
          <tbody>${this.articles.map((a) => html`<tr><td><a href="#/articles/${a.articleId}">${a.title}</a></td>
            <td><span class="status ${a.state}">${this.t(`status.${a.state}`)}</span></td><td>${a.language}</td>
            <td>${formatDateTime(a.updatedAt, this.ctx.lang, this.ctx.zone)}</td></tr>`)}</tbody></table></section>
      ${this.candidates.length ? html`<section aria-labelledby="kb-cand"><h2 id="kb-cand">${this.t('kb.candidates')}</h2>
        <ul class="candidates">${this.candidates.map((c) => html`<li>${c.subject} <span class="count">${c.size}</span>
          ${c.ticketIds.slice(0, 3).map((id) => html` <a href="#/tickets/${id}">${id.slice(0, 8)}</a>`)}
          ${this.ctx.session.roles.some((r) => r === 'agent' || r === 'kb-editor') ? html`<button type="button"
            @click=${() => this.draftFrom(c)}>${this.t('kb.draftGroup')}</button>` : nothing}</li>`)}</ul></section>` : nothing}
      ${this.gaps.length ? html`<section aria-labelledby="kb-gaps"><h2 id="kb-gaps">${this.t('kb.gaps')}</h2>
        <table class="list" aria-labelledby="kb-gaps"><thead><tr><th scope="col">${this.t('col.query')}</th><th scope="col">${this.t('col.count')}</th></tr></thead>
        <tbody>${this.gaps.map((g) => html`<tr><td>${g.query}</td><td>${g.searches}</td></tr>`)}</tbody></table></section>` : nothing}`;
  }
}
customElements.define('td-knowledge', TdKnowledge);

const FIELDS = ['title', 'problem', 'cause', 'solution'] as const;

export class TdArticle extends Screen {
  static properties = { articleId: { attribute: false }, article: { state: true }, versions: { state: true },
    error: { state: true }, info: { state: true }, busy: { state: true } };
  declare articleId: string;
  declare article: Article | null;
  declare versions: { version: number; title: string; live: boolean }[];
  declare error: string;
  declare info: string;
  declare busy: boolean;
  private createIntent = new Intent();
  private moveIntent = new Intent();

  constructor() {
    super();
    this.article = null; this.versions = []; this.error = ''; this.info = ''; this.busy = false;
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.articleId !== 'new') void this.load();
  }

  private async load(version?: number) {
    const id = encodeURIComponent(this.articleId);
    try {
      this.article = await this.ctx.api.get<Article>('knowledge', `/api/v1/articles/${id}${version ? `?version=${version}` : ''}`);
      this.versions = await this.ctx.api.get('knowledge', `/api/v1/articles/${id}/versions`);
    } catch (e) {
      this.error = describe(this.ctx, e);
    }
  }

  private async save(e: Event) {
    e.preventDefault();
    if (this.busy) return;
    const form = e.target as HTMLFormElement;
    const v = (n: string) => ((form.elements.namedItem(n) as HTMLInputElement).value ?? '').trim();
    const list = (n: string) => v(n).split(',').map((s) => s.trim()).filter(Boolean);
    const body = { title: v('title'), problem: v('problem'), cause: v('cause'), solution: v('solution'), language: v('language'),
      audience: v('audience'), tier: v('tier'), products: list('products'), tags: list('tags') };
    this.busy = true; this.error = ''; this.info = '';
    try {
      if (this.articleId === 'new') {
        const answer = await this.ctx.api.post<{ articleId: string; version: number }>('knowledge', '/api/v1/articles', body, this.createIntent);
        this.createIntent.done();
        this.articleId = answer.data.articleId;
        this.ctx.navigate(`/articles/${answer.data.articleId}`);
        this.info = this.t('kb.saved', { v: answer.data.version });
      } else {
        const answer = await this.ctx.api.put<{ version: number }>('knowledge', `/api/v1/articles/${this.articleId}`, body,
          this.article?.latestVersion);
        this.info = this.t('kb.saved', { v: answer.data.version });
      }
      await this.load();
    } catch (err) {
      this.error = describe(this.ctx, err);
      if (err instanceof ApiError && err.status === 412) await this.load();
    } finally {
      this.busy = false;
    }
  }

  private async move(to: string) {
    const comment = (this.querySelector<HTMLInputElement>('#ar-comment')?.value ?? '').trim();
    this.error = ''; this.info = '';
    try {
      await this.ctx.api.post('knowledge', `/api/v1/articles/${this.articleId}/transitions`, { to, comment: comment || undefined }, this.moveIntent);
      this.moveIntent.done();
      await this.load();
      this.info = this.t('kb.state', { state: this.article?.state ?? to });
    } catch (err) {
      this.error = describe(this.ctx, err);
    }
  }

  render() {
    const a = this.article;
    const isNew = this.articleId === 'new';
    if (!isNew && !a) return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p>${this.t('common.loading')}</p>`}`;
    const state = a?.state ?? 'draft';
    const field = (name: string, label: string, rows = 0) => html`<label for="ar-${name}">${label}</label>
      ${rows ? html`<textarea id="ar-${name}" name=${name} rows=${rows} .value=${(a as unknown as Record<string, string>)?.[name] ?? ''}></textarea>`
        : html`<input id="ar-${name}" name=${name} .value=${(a as unknown as Record<string, string>)?.[name] ?? ''}>`}`;
    return html`<p><a href="#/knowledge">${this.t('kb.back')}</a></p>
      <h1>${isNew ? this.t('kb.new') : a!.title}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.info ? html`<p class="info" role="status">${this.info}</p>` : nothing}
      ${a ? html`<p>${this.t('kb.state', { state })} · ${this.t('kb.version', { v: a.version })}${a.author ? ` · ${a.author}` : ''}
        ${a.comment ? html`<br><em>${a.comment}</em>` : nothing}</p>` : nothing}
      <div class="ticket-layout">
      <form class="card stack" @submit=${this.save}>
        ${FIELDS.map((f) => field(f, this.t(f === 'title' ? 'kb.articleTitle' : `kb.${f}`), f === 'title' ? 0 : f === 'solution' ? 10 : 4))}
        <label for="ar-language">${this.t('col.language')}</label>
        <select id="ar-language" name="language">${['ru', 'en'].map((l) => html`<option value=${l} ?selected=${(a?.language ?? this.ctx.lang) === l}>${l}</option>`)}</select>
        <label for="ar-audience">${this.t('kb.audience')}</label>
        <select id="ar-audience" name="audience">${['internal', 'public'].map((x) => html`<option value=${x} ?selected=${(a?.audience ?? 'internal') === x}>${this.t(`kb.${x}`)}</option>`)}</select>
        <label for="ar-tier">${this.t('kb.tier')}</label>
        <select id="ar-tier" name="tier">${['L1', 'L2', 'L3', 'L4'].map((x) => html`<option value=${x} ?selected=${(a?.tier ?? 'L1') === x}>${x}</option>`)}</select>
        <label for="ar-products">${this.t('kb.products')}</label><input id="ar-products" name="products" .value=${(a?.products ?? []).join(', ')}>
        <label for="ar-tags">${this.t('kb.tags')}</label><input id="ar-tags" name="tags" .value=${(a?.tags ?? []).join(', ')}>
        <div class="actions"><button type="submit" class="primary" ?disabled=${this.busy || state === 'in-review' || state === 'retired'}>${this.t('kb.save')}</button></div>
      </form>
      ${a ? html`<section class="card" aria-labelledby="ar-preview"><h2 id="ar-preview">${this.t('kb.preview')}</h2>
        <div class="article-html">${FIELDS.slice(1).map((f) => (a.html?.[f as 'problem'] ? html`<h3>${this.t(f === 'solution' ? 'kb.solutionText' : `kb.${f}`)}</h3>${unsafeHTML(a.html[f as 'problem'])}` : nothing))}</div>
        <h2>${this.t('kb.versions')}</h2>
        <ul>${this.versions.map((v) => html`<li><button type="button" class="link" @click=${() => this.load(v.version)}>${this.t('kb.version', { v: v.version })}</button>
          ${v.live ? html`<span class="badge">${this.t('kb.live')}</span>` : nothing} ${v.title}</li>`)}</ul>
        <label for="ar-comment">${this.t('kb.comment')}</label><input id="ar-comment" maxlength="500">
        <div class="actions">
          ${state === 'draft' ? html`<button type="button" @click=${() => this.move('in-review')}>${this.t('kb.submit')}</button>` : nothing}
          ${state === 'in-review' ? html`<button type="button" class="primary" @click=${() => this.move('published')}>${this.t('kb.publish')}</button>
            <button type="button" @click=${() => this.move('draft')}>${this.t('kb.sendBack')}</button>` : nothing}
          ${state !== 'retired' ? html`<button type="button" @click=${() => this.move('retired')}>${this.t('kb.retire')}</button>` : nothing}
        </div></section>` : nothing}
      </div>`;
  }
}
customElements.define('td-article', TdArticle);
