import { describe, expect, it } from 'vitest';
import { missingKeys, preferredLanguage, translate } from '../src/i18n';
import { percent, shareSeries, slaCompliance } from '../src/quality-figures';
import { snippetParts } from '../src/markup';

describe('languages', () => {
  it('takes the stored choice, then the browser\'s first known language, then English', () => {
    expect(preferredLanguage('ru', ['en-GB'])).toBe('ru');
    expect(preferredLanguage(null, ['de-DE', 'ru-RU', 'en'])).toBe('ru');
    expect(preferredLanguage(null, ['de'])).toBe('en');
  });

  it('has every English text in Russian too, and fills parameters', () => {
    expect(missingKeys('ru')).toEqual([]);
    expect(translate('ru', 'work.load', { active: 2, capacity: 5 })).toBe('Загрузка 2 из 5');
    expect(translate('en', 'nav.work')).toBe('My work');
    expect(translate('ru', 'no.such.key')).toBe('no.such.key');
  });
});

describe('quality figures', () => {
  it('computes SLA compliance over every clock and one share series per figure', () => {
    const f = { shareResolved: 0.5, repeatContactRate: 0.1, resolvedAtL1: { share: 0.75 },
      sla: { 'first-response': { met: 3, breached: 1 }, resolution: { met: 4, breached: 2 } } };
    expect(slaCompliance(f)).toBeCloseTo(0.7);
    expect(slaCompliance({ sla: { resolution: { met: 0, breached: 0 } } })).toBeNull();
    expect(shareSeries([{ key: 'L1', figures: f }, { key: 'L2', figures: {} }]).map((s) => s.values))
      .toEqual([[0.5, null], [0.75, null], [0.7, null], [0.1, null]]);
    expect(percent(0.756)).toBe('75.6 %');
    expect(percent(null)).toBe('—');
  });
});

describe('snippets', () => {
  it('show marked words as marks and everything else as text, markup included', () => {
    expect(snippetParts('Reset the <mark>VPN</mark> &lt;client&gt; &amp; <mark>retry</mark>.')).toEqual([
      { text: 'Reset the ', marked: false }, { text: 'VPN', marked: true }, { text: ' <client> & ', marked: false },
      { text: 'retry', marked: true }, { text: '.', marked: false }]);
    expect(snippetParts('<img src=x onerror=alert(1)>')).toEqual([{ text: '<img src=x onerror=alert(1)>', marked: false }]);
    expect(snippetParts(null)).toEqual([]);
  });
});
