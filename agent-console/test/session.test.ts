import { describe, expect, it } from 'vitest';
import { clear, decode, isExpired, load, save, screensFor } from '../src/session';

function token(claims: object) {
  const part = (o: object) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o))))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${part({ alg: 'RS256' })}.${part(claims)}.signature`;
}

class MemoryStorage {
  private map = new Map<string, string>();
  getItem(k: string) { return this.map.get(k) ?? null; }
  setItem(k: string, v: string) { this.map.set(k, v); }
  removeItem(k: string) { this.map.delete(k); }
}

describe('session', () => {
  it('reads subject, roles, name and expiry from the token, Cyrillic names included', () => {
    const s = decode(token({ sub: 'anna', upn: 'anna', name: 'Анна Смирнова', groups: ['agent'], exp: 2_000_000_000 }))!;
    expect(s).toMatchObject({ subject: 'anna', name: 'Анна Смирнова', roles: ['agent'], expiresAt: 2_000_000_000_000 });
    expect(isExpired(s, 1_999_999_999_000)).toBe(false);
    expect(isExpired(s, 2_000_000_000_000)).toBe(true);
  });

  it('refuses what is not a token', () => {
    expect(decode('hello')).toBeNull();
    expect(decode('a.b.c')).toBeNull();
    expect(decode(token({ groups: ['agent'] }))).toBeNull();
  });

  it('keeps the token in the given storage and forgets it on sign-out', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const s = decode(token({ sub: 'pavel', groups: ['supervisor'], exp: 2_000_000_000 }))!;
    save(s, storage);
    expect(load(storage)?.subject).toBe('pavel');
    clear(storage);
    expect(load(storage)).toBeNull();
  });

  it('offers each role the screens its rules allow', () => {
    expect(screensFor(['agent'])).toEqual(['work', 'new', 'knowledge']);
    expect(screensFor(['supervisor'])).toEqual(['work', 'new', 'knowledge', 'supervision', 'quality']);
    expect(screensFor(['kb-editor'])).toEqual(['knowledge']);
    expect(screensFor(['admin'])).toEqual(['knowledge', 'quality']);
    expect(screensFor(['channel'])).toEqual([]);
  });
});
