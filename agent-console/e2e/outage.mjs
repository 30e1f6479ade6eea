// With knowledge-service stopped (the system test stops it): the ticket page still shows the ticket, its SLA and
// timeline and still takes a reply; the suggestions say their service is not answering and a banner offers Retry.
import { launch, path, person, signInAsDemoUser } from './browser.mjs';

const base = process.env.TIERDESK_CONSOLE_URL ?? 'http://127.0.0.1:8080';
const shots = process.env.TIERDESK_SCREENSHOTS ?? path.resolve(import.meta.dirname, '..', 'target', 'screenshots');
const WAIT = { timeout: 30_000 };
const browser = await launch();
let exit = 0;
const page = await (await person(browser)).newPage();
try {
  await signInAsDemoUser(page, base, 'Anna Smirnova (L1)');
  await page.locator('tr[data-ticket] a').first().click();
  await page.getByRole('heading', { name: /Ticket TD-\d+/ }).waitFor(WAIT);
  await page.getByRole('region', { name: 'SLA' }).waitFor(WAIT);
  await page.locator('.timeline li').first().waitFor(WAIT);
  await page.locator('section', { hasText: 'Suggested articles' }).getByText('knowledge-service is not answering').waitFor(WAIT);
  const banner = page.locator('.banner');
  await banner.getByText('knowledge-service is not answering').waitFor(WAIT);
  await banner.getByRole('button', { name: 'Retry' }).waitFor();
  if (!(await page.getByRole('button', { name: 'Reply', exact: true }).isEnabled())) throw new Error('replying needs only ticket-intake');
  await page.screenshot({ path: path.join(shots, 'outage-en.png'), fullPage: true });
  console.log('ok - a dead knowledge-service pauses only the suggestions, with a banner and Retry');
} catch (e) {
  console.log(`not ok - ${e.message}`);
  await page.screenshot({ path: path.join(shots, 'failure-outage.png'), fullPage: true }).catch(() => {});
  exit = 1;
} finally {
  await browser.close();
}
process.exit(exit);
