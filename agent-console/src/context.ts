// What every screen gets from the shell: the API, the signed-in user, the language, and the ways to tell the
// user something. Screens extend Screen to render in the page's own DOM (one stylesheet, one accessibility tree).
import { LitElement, type PropertyDeclarations } from 'lit';
import { Api, ApiError, Unavailable, SERVICE_NAMES } from './api';
import { translate, type Lang } from './i18n';
import type { Session } from './session';

export interface Ctx {
  api: Api;
  session: Session;
  lang: Lang;
  zone: string | undefined;
  navigate(path: string): void;
  toast(text: string): void;
  unavailable(service: string): void;
}

export function t(ctx: Ctx | { lang: Lang }, key: string, params: Record<string, string | number> = {}): string {
  return translate(ctx.lang, key, params);
}

/** A problem in the user's words: the API's detail, the rule behind a 403, the fresh state after a 409/412. */
export function describe(ctx: Ctx, error: unknown): string {
  if (error instanceof Unavailable) {
    ctx.unavailable(SERVICE_NAMES[error.service]);
    return t(ctx, 'common.unavailable', { service: SERVICE_NAMES[error.service] });
  }
  if (error instanceof ApiError) {
    const p = error.problem;
    if (p.status === 403) {
      const rule = p.fields[0] ?? 'role';
      const explained = translate(ctx.lang, `rule.${rule}`);
      return t(ctx, 'problem.forbidden', { rule, detail: explained.startsWith('rule.') ? p.detail : `${explained}. ${p.detail}` });
    }
    if (p.status === 409 || p.status === 412) return t(ctx, 'problem.conflict', { detail: p.detail });
    return p.detail;
  }
  return t(ctx, 'common.error', { detail: (error as Error)?.message ?? String(error) });
}

export class Screen extends LitElement {
  static properties: PropertyDeclarations = { ctx: { attribute: false } };
  declare ctx: Ctx;

  protected createRenderRoot() {
    return this;
  }

  t(key: string, params: Record<string, string | number> = {}) {
    return t(this.ctx, key, params);
  }
}
