import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDuration, parseIsoDuration, relative } from '../src/time';

describe('time', () => {
  it('formats an instant in the given zone and language', () => {
    expect(formatDateTime('2026-12-04T09:07:00Z', 'en', 'Europe/Moscow')).toBe('4 Dec 2026, 12:07');
    expect(formatDateTime('2026-12-04T09:07:00Z', 'ru', 'UTC')).toMatch(/^4 дек\.? 2026 г\., 09:07$/);
    expect(formatDateTime(null, 'en')).toBe('—');
    expect(formatDateTime('not a date', 'en')).toBe('—');
  });

  it('writes durations in days, hours and minutes, by sign-free magnitude', () => {
    expect(formatDuration(45 * 60_000, 'en')).toBe('45 min');
    expect(formatDuration((2 * 60 + 5) * 60_000, 'en')).toBe('2 h 05 min');
    expect(formatDuration(-(2 * 60 + 5) * 60_000, 'ru')).toBe('2 ч 05 мин');
    expect(formatDuration((3 * 1440 + 4 * 60) * 60_000, 'en')).toBe('3 d 4 h');
    expect(formatDuration(42_000, 'en')).toBe('42 s');
    expect(formatDuration(42_000, 'ru')).toBe('42 с');
  });

  it('reads the ISO-8601 durations the services write', () => {
    expect(parseIsoDuration('PT1H30M')).toBe(5_400_000);
    expect(parseIsoDuration('P1DT2H')).toBe(93_600_000);
    expect(parseIsoDuration('PT59M41.598745166S')).toBeCloseTo(3_581_598.745, 0);
    expect(parseIsoDuration('PT-5M')).toBe(-300_000);
    expect(parseIsoDuration('')).toBeNull();
    expect(parseIsoDuration('1 hour')).toBeNull();
  });

  it('says "in" and "ago" in both languages', () => {
    const now = Date.parse('2026-12-04T09:00:00Z');
    expect(relative('2026-12-04T09:30:00Z', now, 'en')).toBe('in 30 min');
    expect(relative('2026-12-04T08:30:00Z', now, 'en')).toBe('30 min ago');
    expect(relative('2026-12-04T09:30:00Z', now, 'ru')).toBe('через 30 мин');
  });
});
