// Times as people read them: in the user's zone and language, and SLA countdowns in working hours and minutes.

export function formatDateTime(iso: string | null | undefined, lang: string, zone?: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    dateStyle: 'medium', timeStyle: 'short', timeZone: zone,
  }).format(date);
}

/** "2 h 05 min", "45 min", "3 d 4 h"; negative durations are "overdue" in the caller's words. */
export function formatDuration(ms: number, lang: string): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const u = lang === 'ru' ? { d: 'д', h: 'ч', m: 'мин', s: 'с' } : { d: 'd', h: 'h', m: 'min', s: 's' };
  if (days > 0) return `${days} ${u.d} ${hours} ${u.h}`;
  if (hours > 0) return `${hours} ${u.h} ${String(mins).padStart(2, '0')} ${u.m}`;
  if (Math.abs(ms) < 60_000) return `${Math.floor(Math.abs(ms) / 1000)} ${u.s}`;
  return `${mins} ${u.m}`;
}

/** ISO-8601 durations as the services write them (PT1H30M, P1DT2H, PT0.5S) in milliseconds. */
export function parseIsoDuration(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(-?\d+(?:\.\d+)?)H)?(?:(-?\d+(?:\.\d+)?)M)?(?:(-?\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m) return null;
  const [, minus, d, h, min, s] = m;
  const ms = (Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0)) * 1000;
  return minus ? -ms : ms;
}

/** A relative "in 5 min" / "5 min ago" phrase. */
export function relative(iso: string, now: number, lang: string): string {
  const diff = new Date(iso).getTime() - now;
  const text = formatDuration(diff, lang);
  if (lang === 'ru') return diff >= 0 ? `через ${text}` : `${text} назад`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}
