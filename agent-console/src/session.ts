// The signed-in user: a bearer token in sessionStorage (never in a URL or a log), read for its subject, roles
// and expiry. The services verify the token; the console reads it only to choose what to show.

const KEY = 'tierdesk.token';

export interface Session { token: string; subject: string; name: string; roles: string[]; expiresAt: number }

export function decode(token: string): Session | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(parts[1].length / 4) * 4, '='));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
    const subject = claims.upn ?? claims.preferred_username ?? claims.sub;
    if (typeof subject !== 'string') return null;
    const roles = Array.isArray(claims.groups) ? claims.groups.filter((g: unknown) => typeof g === 'string') : [];
    return { token: token.trim(), subject, name: typeof claims.name === 'string' ? claims.name : subject, roles,
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : Number.POSITIVE_INFINITY };
  } catch {
    return null;
  }
}

export function isExpired(session: Session, now = Date.now()): boolean {
  return session.expiresAt <= now;
}

export function load(storage: Storage = sessionStorage): Session | null {
  const token = storage.getItem(KEY);
  return token ? decode(token) : null;
}

export function save(session: Session, storage: Storage = sessionStorage): void {
  storage.setItem(KEY, session.token);
}

export function clear(storage: Storage = sessionStorage): void {
  storage.removeItem(KEY);
}

export type Screen = 'work' | 'new' | 'knowledge' | 'supervision' | 'quality';

/** Which screens a role may use: the same rules the services enforce, so no link leads to a refusal. */
export function screensFor(roles: string[]): Screen[] {
  const has = (r: string) => roles.includes(r);
  const screens: Screen[] = [];
  if (has('agent') || has('supervisor')) screens.push('work', 'new');
  if (has('agent') || has('kb-editor') || has('supervisor') || has('admin')) screens.push('knowledge');
  if (has('supervisor')) screens.push('supervision');
  if (has('supervisor') || has('admin')) screens.push('quality');
  return screens;
}
