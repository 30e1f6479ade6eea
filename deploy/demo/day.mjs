// The demo's working day, after seed.sh's agents, rules and first tickets: 40 knowledge articles in Russian and
// English (published, internal, in review, drafts, one retired) and tickets in every state — new, worked, waiting
// for the customer, escalated, resolved, closed, and premium ones left unanswered that breach their first-response
// clock 15 minutes after the seed. Everything goes through the public APIs. Safe to run again: articles are matched
// by title, channel events carry fixed ids, and a ticket is worked only while it is still new.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const base = Number(process.env.TIERDESK_PORT_BASE ?? 8080);
const URLS = { intake: base + 1, router: base + 2, sla: base + 3, knowledge: base + 4, notification: base + 5 };
const tokens = new Map();

function token(roles, subject) {
  const key = `${roles}/${subject}`;
  if (!tokens.has(key)) tokens.set(key, execFileSync(path.join(root, 'tierdesk'), ['token', roles, subject], { encoding: 'utf8' }).trim().split('\n').pop());
  return tokens.get(key);
}

async function call(service, method, p, who, body, extra = {}) {
  const response = await fetch(`http://127.0.0.1:${URLS[service]}${p}`, { method, headers: {
    Authorization: `Bearer ${who}`, ...(body === undefined ? {} : { 'Content-Type': extra.type ?? 'application/json' }), ...extra.headers },
  body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok && !(extra.accept ?? []).includes(response.status)) {
    throw new Error(`${method} ${service}${p} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return text ? JSON.parse(text) : null;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const kira = () => token('kb-editor', 'kira');
const pavel = () => token('supervisor', 'pavel');

async function articles() {
  const wanted = JSON.parse(fs.readFileSync(path.join(here, 'articles.json'), 'utf8'));
  const existing = new Map();
  let cursor = '';
  do {
    const page = await call('knowledge', 'GET', `/api/v1/articles?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, kira());
    for (const a of page.items) existing.set(a.title, a);
    cursor = page.next ?? '';
  } while (cursor);
  let made = 0;
  for (const [i, [language, audience, state, tier, product, title, problem, cause, solution]] of wanted.entries()) {
    if (existing.has(title)) continue;
    const author = tier === 'L3' ? token('agent', 'dmitry') : kira();
    const created = await call('knowledge', 'POST', '/api/v1/articles', author,
      { title, problem, cause, solution, language, audience, tier, products: [product], tags: [product.toLowerCase()] },
      { headers: { 'Idempotency-Key': `demo-article-${i}` } });
    const move = (to, comment) => call('knowledge', 'POST', `/api/v1/articles/${created.articleId}/transitions`, kira(), { to, comment },
      { headers: { 'Idempotency-Key': `demo-article-${i}-${to}` } });
    if (state !== 'draft') await call('knowledge', 'POST', `/api/v1/articles/${created.articleId}/transitions`, author, { to: 'in-review' },
      { headers: { 'Idempotency-Key': `demo-article-${i}-in-review` } });
    if (state === 'published' || state === 'retired') await move('published');
    if (state === 'retired') await move('retired', 'replaced by the portal');
    made += 1;
  }
  return made;
}

const CUSTOMERS = {
  acme: ['Olga Ivanova', 'ru'], globex: ['Hank Scorpio', 'en'], initech: ['Peter Gibbons', 'en'], umbrella: ['Ivan Sidorov', 'ru'],
  stark: ['Pepper Potts', 'en'], romashka: ['Marina Kozlova', 'ru'], vector: ['Sergey Pavlov', 'ru'], wayne: ['Lucius Fox', 'en'],
};

// id, channel, customer, subject, body, product, urgency, what the day did with it
const TICKETS = [
  ['demo-7', 'email', 'stark', 'Laptop does not see the office Wi-Fi', 'My laptop no longer lists the office network since this morning.', 'Wi-Fi', 'medium', 'open'],
  ['demo-8', 'phone', 'romashka', 'Заблокирована учётная запись', 'После отпуска не могу войти, пишет что учётная запись заблокирована.', 'Accounts', 'high', 'resolved'],
  ['demo-9', 'chat', 'vector', 'Медленный интернет в офисе', 'Уже час у всех очень медленно открываются сайты.', 'Network', 'high', 'escalated'],
  ['demo-10', 'web', 'wayne', 'Backup job failed tonight', 'The nightly backup of the file server failed with a snapshot timeout.', 'Servers', 'medium', 'escalated-l3'],
  ['demo-11', 'email', 'initech', 'Outlook keeps asking for my password', 'Every few minutes Outlook shows the sign-in window again.', 'Mail', 'low', 'awaiting'],
  ['demo-12', 'portal', 'umbrella', 'Закончилось место на диске', 'Компьютер пишет, что на диске C мало места, обновления не ставятся.', 'Storage', 'low', 'closed'],
  ['demo-13', 'messenger', 'romashka', 'ИБП пищит', 'ИБП в серверной пищит каждые 30 секунд.', 'Power', 'critical', 'new'],
  ['demo-14', 'email', 'acme', 'Не приходят письма от поставщика', 'Поставщик говорит, что письма возвращаются с кодом 550.', 'Mail', 'high', 'breach'],
  ['demo-15', 'web', 'stark', 'Remote desktop cannot find my PC', 'From home the remote desktop says the remote computer could not be found.', 'Remote access', 'medium', 'resolved'],
  ['demo-16', 'phone', 'wayne', 'Portal shows a certificate warning', 'The customer portal warns that the certificate has expired.', 'Certificates', 'high', 'awaiting'],
  ['demo-17', 'chat', 'globex', 'Printer jams again', 'The printer on floor 3 jams again on double-sided jobs.', 'Printer', 'low', 'resolved'],
  ['demo-18', 'email', 'acme', 'Реплика базы данных отстаёт', 'Отчёты показывают данные с опозданием на несколько минут.', 'Database server', 'high', 'breach'],
  ['demo-19', 'portal', 'vector', 'Новые устройства не получают IP-адрес', 'Новые ноутбуки получают адрес 169.254, старые работают.', 'Network', 'high', 'escalated'],
  ['demo-20', 'web', 'initech', 'RAID degraded alert', 'Monitoring says the RAID on the accounting server is degraded.', 'Servers', 'high', 'open'],
  ['demo-21', 'email', 'stark', 'How do I change my password?', 'My password expires tomorrow; how do I change it myself?', 'Accounts', 'low', 'closed'],
  ['demo-22', 'phone', 'umbrella', 'Не работает VPN из дома', 'VPN подключается и через пять минут отключается.', 'VPN', 'medium', 'new'],
  ['demo-23', 'chat', 'romashka', 'Принтер мнёт бумагу', 'Принтер в бухгалтерии мнёт каждый второй лист.', 'Printer', 'low', 'awaiting'],
  ['demo-24', 'web', 'wayne', 'Cannot log in to mail after password change', 'Mail refuses my new password; the portal accepts it.', 'Mail', 'medium', 'resolved'],
  ['demo-25', 'messenger', 'vector', 'Ноутбук не видит Wi-Fi', 'Ноутбук директора перестал видеть офисную сеть.', 'Wi-Fi', 'high', 'open'],
  ['demo-26', 'email', 'globex', 'Slow internet in the whole office', 'Everyone complains the internet is very slow since lunch.', 'Network', 'medium', 'new'],
  ['demo-27', 'phone', 'initech', 'Disk full on my workstation', 'Windows says the C: drive is almost full and updates fail.', 'Storage', 'low', 'closed'],
  ['demo-28', 'email', 'romashka', 'RAID-массив деградировал', 'Мониторинг сообщает о деградации RAID на сервере бухгалтерии.', 'Servers', 'high', 'escalated-l4'],
  ['demo-29', 'web', 'vector', 'Удалённый рабочий стол не находит компьютер', 'Из дома не подключиться к рабочему ПК: компьютер не найден.', 'Remote access', 'medium', 'awaiting'],
  ['demo-30', 'chat', 'stark', 'Account locked after the holidays', 'I cannot sign in; it says my account is locked.', 'Accounts', 'high', 'resolved'],
  ['demo-31', 'portal', 'wayne', 'UPS beeping in the server room', 'The UPS beeps every 30 seconds although we have power.', 'Power', 'critical', 'new'],
];

async function ticketsOfTheDay() {
  for (const [id, [name, language]] of Object.entries(CUSTOMERS)) {
    if (['acme', 'globex', 'initech', 'umbrella'].includes(id)) continue;
    const plan = { stark: 'premium', romashka: 'warranty', vector: 'post-warranty', wayne: 'self-service' }[id];
    await call('intake', 'PUT', `/api/v1/customers/${id}`, pavel(), { name, email: `${id}@example.com`, organisation: id[0].toUpperCase() + id.slice(1),
      language, plan, phone: `+7 495 ${100 + id.length}-${id.length * 7}-${10 + id.length}` });
  }
  const events = TICKETS.map(([id, channel, customer, subject, body, product, urgency]) => ({
    specversion: '1.0', id, source: '/adapters/demo-adapters/seed', type: 'tierdesk.channel.message.received',
    data: { channel, customer: { externalId: customer, name: CUSTOMERS[customer][0], email: `${customer}@example.com`, language: CUSTOMERS[customer][1] },
      subject, body, diagnostics: { product }, urgency } }));
  const answers = await call('intake', 'POST', '/api/v1/channel-events', token('channel', 'demo-adapters'), JSON.stringify(events),
    { type: 'application/cloudevents-batch+json' });
  const published = new Map();
  for (const a of (await call('knowledge', 'GET', '/api/v1/articles?state=published&limit=200', kira())).items) published.set(a.title, a.articleId);
  // The view is a projection and routing is another service: wait (a while, not forever) until each ticket to be
  // worked is in the view and routed. A ticket still queued then (its line is full) stays in the queue, as it would.
  const todo = answers.map((answer, i) => ({ i, ticketId: answer.answer?.ticketId, plan: TICKETS[i][7] }))
    .filter((x) => x.ticketId && x.plan !== 'new' && x.plan !== 'breach');
  const views = new Map();
  for (let tries = 0; tries < 30 && views.size < todo.length; tries += 1) {
    for (const x of todo.filter((y) => !views.has(y.ticketId))) {
      const view = await call('intake', 'GET', `/api/v1/tickets/${x.ticketId}`, pavel(), undefined, { accept: [404] });
      if (view.ticketId && (view.assignee || view.status !== 'new')) views.set(x.ticketId, view);
    }
    if (views.size < todo.length) await sleep(500);
  }
  let worked = 0;
  for (const { i, ticketId, plan } of todo) {
    const view = views.get(ticketId);
    if (!view || view.status !== 'new') continue;
    const agent = token('agent', view.assignee);
    const key = (what) => ({ headers: { 'Idempotency-Key': `demo-${ticketId}-${what}` } });
    const t = (suffix) => `/api/v1/tickets/${ticketId}${suffix}`;
    const article = published.get(TICKETS[i][3]) ?? [...published.entries()].find(([title]) => title.includes(TICKETS[i][5]))?.[1];
    const ru = CUSTOMERS[TICKETS[i][2]][1] === 'ru';
    await call('intake', 'POST', t('/replies'), agent, { body: ru ? 'Здравствуйте! Мы занимаемся вашим обращением.' : 'Hello! We are working on your request.' }, key('reply'));
    if (plan === 'awaiting') {
      await call('intake', 'POST', t('/questions'), agent, { question: ru ? 'Пришлите, пожалуйста, снимок экрана с ошибкой.' : 'Could you send a screenshot of the error, please?' }, key('question'));
    } else if (plan.startsWith('escalated')) {
      await call('intake', 'POST', t('/notes'), agent, { note: 'Known steps tried; needs the second line.' }, key('note'));
      await call('router', 'POST', t('/escalations'), agent, { targetTier: 'L2', reason: 'needs server access' }, key('escalate-l2'));
      if (plan === 'escalated-l3') {
        await sleep(1500);
        await call('router', 'POST', t('/escalations'), pavel(), { targetTier: 'L3', reason: 'a novel failure for the experts' }, key('escalate-l3'));
      }
      if (plan === 'escalated-l4') {
        // A hardware fault for the manufacturer: a case at Dell under its agreement, and its first answer.
        await sleep(1500);
        await call('router', 'POST', t('/escalations'), pavel(), { targetTier: 'L4', reason: 'disk controller fault under warranty',
          vendor: 'dell', vendorCase: 'DELL-SR-' + ticketId.slice(0, 8).toUpperCase() }, key('escalate-l4'));
        await call('router', 'POST', t('/vendor-updates'), pavel(), { message: 'Dell confirms the controller fault; an engineer brings a replacement.' }, key('vendor-answer'));
        // The replacement is fitted on site tomorrow morning (Moscow): the customer gets the confirmation now and a
        // reminder the day before.
        const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
        await call('router', 'POST', t('/visits'), pavel(), { place: 'on-site', engineer: 'dmitry',
          from: `${tomorrow}T10:00:00+03:00`, to: `${tomorrow}T12:00:00+03:00`, address: 'Ромашка, ул. Ленина 5, серверная' }, key('visit'));
      }
    } else if (plan === 'resolved' || plan === 'closed') {
      await call('intake', 'POST', t('/resolution'), agent, { solutionSummary: ru ? 'Решено по статье базы знаний.' : 'Solved with the knowledge base article.',
        articleId: article }, key('resolve'));
      if (plan === 'closed') await call('intake', 'POST', t('/closure'), agent, {}, key('close'));
    }
    worked += 1;
  }
  return { opened: answers.length, worked };
}

const made = await articles();
const day = await ticketsOfTheDay();
console.error(`demo data: ${made} new knowledge articles (40 in all), ${day.opened} tickets of the day (channel events with fixed ids), ${day.worked} worked into their states now`);
