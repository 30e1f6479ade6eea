// Shared by the end-to-end day and the console benchmark: Debian's Chromium driven by playwright-core (no browser
// download is possible here), axe-core injected into the page for the accessibility check.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function chromiumPath() {
  const candidates = [process.env.TIERDESK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`no Chromium at ${candidates.join(', ')}: install Debian's package (apt-get install chromium)`);
  return found;
}

export async function launch() {
  return chromium.launch({ executablePath: chromiumPath(), headless: true,
    // As root in a container Chromium needs --no-sandbox; the network flags keep it from calling out (the machine is closed).
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] });
}

/** A context per person, in their language and zone; CSP bypassed only so that axe can be injected. */
export async function person(browser, { lang = 'en', zone = 'Europe/Moscow' } = {}) {
  const context = await browser.newContext({ locale: lang === 'ru' ? 'ru-RU' : 'en-GB', timezoneId: zone, bypassCSP: true,
    viewport: { width: 1360, height: 900 }, acceptDownloads: true });
  return context;
}

export async function signInAsDemoUser(page, base, name) {
  await page.goto(base);
  await page.getByRole('button', { name: new RegExp(`^(Sign in as|Войти как) ${escape(name)}`) }).click();
  await page.getByRole('navigation').waitFor();
}

export function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** axe-core on the page as it is: serious and critical violations are returned, each with where it is. */
export async function accessibility(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A token made by the launcher for anyone (TIERDESK_HOME in the environment says whose key). */
export function launcherToken(roles, subject) {
  return execFileSync(path.resolve(import.meta.dirname, '..', '..', 'tierdesk'), ['token', roles, subject], { encoding: 'utf8' })
    .trim().split('\n').pop();
}

export function ensureDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export { path };
