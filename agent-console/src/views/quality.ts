// Quality: the report as a chart (shares per group against the 70–80 % L1 norm), the headline figures, CSV.
import { html, nothing } from 'lit';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { describe, Screen } from '../context';
import { percent, shareSeries, slaCompliance, type Figures } from '../quality-figures';
import { formatDuration, parseIsoDuration } from '../time';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, LineController, LineElement, PointElement);

interface Report { total: Figures; groups?: { key: string; figures: Figures }[]; resolvedAtL1Norm?: { min: number; max: number } | number[] }

const COLORS = ['#1f5fa8', '#2e7d32', '#b26a00', '#8e24aa'];

function isoDate(d: Date) { return d.toISOString().slice(0, 10); }

export class TdQuality extends Screen {
  static properties = { report: { state: true }, error: { state: true }, from: { state: true }, to: { state: true }, groupBy: { state: true } };
  declare report: Report | null;
  declare error: string;
  declare from: string;
  declare to: string;
  declare groupBy: string;
  private chart?: Chart;

  constructor() {
    super();
    const now = new Date();
    this.report = null; this.error = '';
    this.to = isoDate(new Date(now.getTime() + 86_400_000));
    this.from = isoDate(new Date(now.getTime() - 29 * 86_400_000));
    this.groupBy = 'tier';
  }

  connectedCallback() {
    super.connectedCallback();
    void this.load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.chart?.destroy();
  }

  private query() {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return `from=${this.from}&to=${this.to}${this.groupBy ? `&groupBy=${this.groupBy}` : ''}&zone=${encodeURIComponent(zone)}`;
  }

  private async load() {
    try {
      this.report = await this.ctx.api.get<Report>('sla', `/api/v1/reports/quality?${this.query()}`);
      this.error = '';
    } catch (e) {
      this.error = describe(this.ctx, e);
    }
  }

  private async csv() {
    try {
      const answer = await this.ctx.api.call<string>('sla', `/api/v1/reports/quality?${this.query()}`, { accept: 'text/csv' });
      const url = URL.createObjectURL(new Blob([answer.data], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url; a.download = `tierdesk-quality-${this.from}-${this.to}.csv`;
      document.body.append(a); a.click(); a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      this.error = describe(this.ctx, e);
    }
  }

  updated() {
    const canvas = this.querySelector<HTMLCanvasElement>('#quality-chart');
    if (!canvas || !this.report) return;
    const groups = this.report.groups?.length ? this.report.groups : [{ key: 'total', figures: this.report.total }];
    const series = shareSeries(groups);
    const data = {
      labels: groups.map((g) => g.key),
      datasets: [
        ...series.map((s, i) => ({ type: 'bar' as const, label: this.t(s.key), data: s.values.map((v) => (v === null ? null : v * 100)), backgroundColor: COLORS[i] })),
        { type: 'line' as const, label: this.t('q.norm'), data: groups.map(() => 70), borderColor: '#c62828', borderDash: [6, 4], pointRadius: 0, fill: false },
      ],
    };
    if (this.chart) { this.chart.data = data; this.chart.update(); return; }
    this.chart = new Chart(canvas, { data, options: { animation: false, responsive: true, maintainAspectRatio: false,
      scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } } }, plugins: { legend: { position: 'bottom' } } } });
  }

  render() {
    const r = this.report;
    const f = r?.total;
    const lang = this.ctx.lang;
    const dur = (iso?: string | null) => { const ms = parseIsoDuration(iso); return ms === null ? '—' : formatDuration(ms, lang); };
    const set = (name: 'from' | 'to' | 'groupBy') => (e: Event) => { this[name] = (e.target as HTMLInputElement).value; };
    const groups = r?.groups?.length ? r.groups : f ? [{ key: 'total', figures: f }] : [];
    return html`<h1>${this.t('q.title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <form class="inline" @submit=${(e: Event) => { e.preventDefault(); this.chart?.destroy(); this.chart = undefined; void this.load(); }}>
        <label for="q-from">${this.t('q.from')}</label><input id="q-from" type="date" .value=${this.from} @change=${set('from')}>
        <label for="q-to">${this.t('q.to')}</label><input id="q-to" type="date" .value=${this.to} @change=${set('to')}>
        <label for="q-group">${this.t('q.groupBy')}</label>
        <select id="q-group" @change=${set('groupBy')}>${['', 'day', 'week', 'plan', 'tier', 'channel', 'agent'].map((g) =>
          html`<option value=${g} ?selected=${this.groupBy === g}>${this.t(g ? `q.${g}` : 'q.none')}</option>`)}</select>
        <button type="submit" class="primary">${this.t('q.load')}</button>
        <button type="button" @click=${this.csv}>${this.t('q.csv')}</button>
      </form>
      ${f ? html`<ul class="tiles">
        <li><span>${this.t('q.opened')}</span><strong>${f.opened ?? 0}</strong></li>
        <li><span>${this.t('q.resolvedCount')}</span><strong>${f.resolved ?? 0}</strong></li>
        <li><span>${this.t('q.shareResolved')}</span><strong>${percent(f.shareResolved)}</strong></li>
        <li><span>${this.t('q.resolvedAtL1')} (${this.t('q.norm')})</span><strong>${percent(f.resolvedAtL1?.share)}</strong></li>
        <li><span>${this.t('q.compliance')}</span><strong>${percent(slaCompliance(f))}</strong></li>
        <li><span>${this.t('q.firstResponse')}</span><strong>${dur(f.firstResponse?.p50)}</strong></li>
        <li><span>${this.t('q.resolution')}</span><strong>${dur(f.resolution?.p50)}</strong></li>
        <li><span>${this.t('q.repeat')}</span><strong>${percent(f.repeatContactRate)}</strong></li>
        <li><span>${this.t('q.satisfaction')}</span><strong>${f.satisfaction?.average?.toFixed(1) ?? '—'}</strong></li>
        <li><span>${this.t('q.surveyResponse')}</span><strong>${percent(f.satisfaction?.responseRate)}</strong></li>
      </ul>` : nothing}
      <section role="region" aria-label=${this.t('q.title')} class="chart-box">
        <div class="chart-wrap"><canvas id="quality-chart" role="img" aria-label=${this.t('q.chart')}></canvas></div>
        <table class="list sr-table"><caption>${this.t('q.chart')}</caption>
          <thead><tr><th scope="col">${this.t('q.groupBy')}</th>${shareSeries(groups).map((s) => html`<th scope="col">${this.t(s.key)}</th>`)}</tr></thead>
          <tbody>${groups.map((g, i) => html`<tr><th scope="row">${g.key}</th>${shareSeries(groups).map((s) => html`<td>${percent(s.values[i])}</td>`)}</tr>`)}</tbody>
        </table>
      </section>`;
  }
}
customElements.define('td-quality', TdQuality);
