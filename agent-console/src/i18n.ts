// Russian and English. The browser's language first, then the user's switch (kept in localStorage).
// A key missing in one language falls back to English, then to the key itself, so nothing shows blank.

const en = {
  'app.title': 'Tierdesk', 'app.skip': 'Skip to content', 'app.signOut': 'Sign out', 'app.language': 'Language',
  'nav.work': 'My work', 'nav.new': 'New ticket', 'nav.knowledge': 'Knowledge', 'nav.supervision': 'Supervision',
  'nav.quality': 'Quality', 'nav.main': 'Main',
  'signin.title': 'Sign in to Tierdesk', 'signin.token': 'Token', 'signin.submit': 'Sign in',
  'signin.demo': 'Demo users (local platform only)', 'signin.as': 'Sign in as {name}',
  'signin.invalid': 'This is not a token Tierdesk can read.', 'signin.expired': 'Your session has expired. Sign in again.',
  'signin.signedOut': 'You are signed out.', 'signin.hint': 'Paste a bearer token issued for Tierdesk.',
  'banner.unavailable': '{service} is not answering. Parts that need it are paused.', 'banner.retry': 'Retry',
  'problem.forbidden': 'Not allowed by the rule “{rule}”: {detail}', 'problem.conflict': 'The ticket changed meanwhile: {detail} The page now shows its current state.',
  'rule.owner-or-assignee': 'only the ticket’s owner, its assignee or a supervisor may do this',
  'rule.supervisor': 'only a supervisor may do this', 'rule.kb-editor': 'only a knowledge editor may do this',
  'rule.take-from-queue': 'an agent takes only a waiting ticket of their own line',
  'rule.assign-others': 'only a supervisor assigns tickets to others', 'rule.worked-ticket': 'only an agent who worked the ticket may rate its suggestions',
  'work.title': 'My work', 'work.assigned': 'Assigned to me', 'work.owned': 'I own', 'work.queue': 'Queue of {tier}',
  'work.all': 'All', 'work.overdue': 'Overdue', 'work.open': 'Open', 'work.filter': 'Filter', 'work.relation': 'Show',
  'work.status': 'Status', 'work.search': 'Search number, subject or customer', 'work.empty': 'Nothing here. New work appears by itself.',
  'work.presence': 'Presence', 'work.online': 'Online', 'work.offline': 'Offline', 'work.load': 'Load {active} of {capacity}',
  'work.live': 'Live', 'work.reconnecting': 'Reconnecting…', 'work.notice': 'New: {text}', 'work.take': 'Take',
  'col.number': 'Number', 'col.subject': 'Subject', 'col.customer': 'Customer', 'col.status': 'Status',
  'col.priority': 'Priority', 'col.line': 'Line', 'col.sla': 'SLA due', 'col.relation': 'Why mine', 'col.agent': 'Agent',
  'col.clock': 'Clock', 'col.due': 'Due', 'col.waiting': 'Waiting', 'col.online': 'Online', 'col.active': 'Active',
  'col.capacity': 'Capacity', 'col.utilisation': 'Utilisation', 'col.oldest': 'Oldest waiting', 'col.title': 'Title',
  'col.state': 'State', 'col.language': 'Language', 'col.updated': 'Updated', 'col.query': 'Query', 'col.count': 'Count',
  'new.title': 'Register a request', 'new.customerName': 'Customer name', 'new.customerEmail': 'Customer e-mail',
  'new.customerPhone': 'Customer phone', 'new.customerLanguage': 'Customer language', 'new.subject': 'Subject',
  'new.description': 'Description', 'new.channel': 'Channel', 'new.urgency': 'Urgency', 'new.diagnostics': 'Diagnostics',
  'new.product': 'Product', 'new.location': 'Location', 'new.symptoms': 'Symptoms', 'new.equipment': 'Equipment',
  'new.preceding': 'Preceding actions', 'new.register': 'Register', 'new.lookup': 'Known customers',
  'new.chosen': 'Existing customer: {name}', 'new.clear': 'New customer instead',
  'ticket.title': 'Ticket {number}', 'ticket.status': 'Status', 'ticket.priority': 'Priority', 'ticket.line': 'Line',
  'ticket.owner': 'Owner', 'ticket.assignee': 'Assignee', 'ticket.customer': 'Customer', 'ticket.plan': 'Plan',
  'ticket.channel': 'Channel', 'ticket.opened': 'Opened', 'ticket.sla': 'SLA', 'ticket.timeline': 'Timeline',
  'ticket.diagnostics': 'Diagnostics', 'ticket.saveDiagnostics': 'Save diagnostics', 'ticket.category': 'Category',
  'ticket.reply': 'Reply', 'ticket.ask': 'Ask the customer', 'ticket.note': 'Internal note', 'ticket.message': 'Message',
  'ticket.resolve': 'Resolve', 'ticket.solution': 'Solution summary', 'ticket.solvedBy': 'Article that solved it',
  'ticket.noArticle': 'No article', 'ticket.draft': 'Start an article draft from this ticket',
  'ticket.escalate': 'Escalate', 'ticket.reason': 'Reason', 'ticket.target': 'To line', 'ticket.return': 'Return to L1',
  'ticket.close': 'Close', 'ticket.reopen': 'Reopen', 'ticket.suggested': 'Suggested articles', 'ticket.useInReply': 'Use in reply',
  'ticket.helpful': 'Helpful', 'ticket.notHelpful': 'Not helpful', 'ticket.thanks': 'Thank you: recorded.',
  'ticket.noSuggestions': 'No suggestions yet.', 'ticket.done': 'Done.', 'ticket.draftStarted': 'Draft {id} started.',
  'ticket.take': 'Take this ticket', 'ticket.solutionGiven': 'Last solution', 'ticket.actions': 'Actions',
  'sla.first-response': 'First response', 'sla.next-reply': 'Next reply', 'sla.resolution': 'Resolution',
  'sla.left': '{time} left', 'sla.overdue': 'overdue by {time}', 'sla.paused': 'paused', 'sla.met': 'met',
  'sla.stopped': 'stopped', 'sla.breached': 'breached', 'sla.warned': 'warned', 'sla.none': 'No clocks yet.',
  'kb.title': 'Knowledge', 'kb.search': 'Search the knowledge base', 'kb.find': 'Search', 'kb.results': 'Results',
  'kb.none': 'Nothing found.', 'kb.new': 'New article', 'kb.articles': 'Articles', 'kb.candidates': 'Candidates from tickets',
  'kb.gaps': 'Search gaps', 'kb.articleTitle': 'Title', 'kb.problem': 'Problem', 'kb.cause': 'Cause', 'kb.solution': 'Solution (Markdown)',
  'kb.audience': 'Audience', 'kb.public': 'Public', 'kb.internal': 'Internal', 'kb.tier': 'Line', 'kb.save': 'Save',
  'kb.preview': 'Preview', 'kb.versions': 'Versions', 'kb.submit': 'Submit for review', 'kb.publish': 'Publish',
  'kb.sendBack': 'Return with a comment', 'kb.retire': 'Retire', 'kb.comment': 'Comment', 'kb.version': 'Version {v}',
  'kb.products': 'Products (comma-separated)', 'kb.tags': 'Tags (comma-separated)', 'kb.solutionText': 'Solution',
  'kb.draftGroup': 'Write one draft for these tickets',
  'kb.live': 'live', 'kb.saved': 'Saved as version {v}.', 'kb.state': 'State: {state}', 'kb.back': 'Back to the knowledge base',
  'sup.title': 'Supervision', 'sup.queues': 'Queues by line', 'sup.agents': 'Agents', 'sup.atRisk': 'At risk', 'sup.within': 'Due within',
  'sup.reassign': 'Reassign', 'sup.to': 'To agent', 'sup.none': 'Nothing at risk.',
  'q.title': 'Quality', 'q.period': 'Period', 'q.from': 'From', 'q.to': 'To', 'q.groupBy': 'Group by', 'q.none': 'None',
  'q.load': 'Show', 'q.csv': 'Download CSV', 'q.shareResolved': 'Share resolved', 'q.resolvedAtL1': 'Solved at L1',
  'q.norm': 'Norm 70–80 %', 'q.compliance': 'SLA compliance', 'q.repeat': 'Repeat contacts', 'q.satisfaction': 'Satisfaction',
  'q.firstResponse': 'First response p50', 'q.resolution': 'Resolution p50', 'q.opened': 'Opened', 'q.resolvedCount': 'Resolved',
  'q.chart': 'Quality by group', 'q.day': 'Day', 'q.week': 'Week', 'q.plan': 'Plan', 'q.tier': 'Line', 'q.channel': 'Channel', 'q.agent': 'Agent',
  'status.new': 'new', 'status.open': 'open', 'status.awaiting-customer': 'awaiting customer', 'status.resolved': 'resolved',
  'status.closed': 'closed', 'status.draft': 'draft', 'status.in-review': 'in review', 'status.published': 'published', 'status.retired': 'retired',
  'common.loading': 'Loading…', 'common.save': 'Save', 'common.cancel': 'Cancel', 'common.open': 'Open', 'common.error': 'Something went wrong: {detail}',
  'common.unavailable': '{service} is not answering; this part waits for it.', 'common.retry': 'Retry', 'common.close': 'Dismiss',
};
type Key = keyof typeof en;

const ru: Partial<Record<Key, string>> = {
  'app.skip': 'Перейти к содержимому', 'app.signOut': 'Выйти', 'app.language': 'Язык',
  'nav.work': 'Моя работа', 'nav.new': 'Новое обращение', 'nav.knowledge': 'База знаний', 'nav.supervision': 'Контроль',
  'nav.quality': 'Качество', 'nav.main': 'Главное',
  'signin.title': 'Вход в Tierdesk', 'signin.token': 'Токен', 'signin.submit': 'Войти',
  'signin.demo': 'Демо-пользователи (только локальная платформа)', 'signin.as': 'Войти как {name}',
  'signin.invalid': 'Это не токен, который Tierdesk может прочитать.', 'signin.expired': 'Сеанс истёк. Войдите снова.',
  'signin.signedOut': 'Вы вышли.', 'signin.hint': 'Вставьте токен доступа, выданный для Tierdesk.',
  'banner.unavailable': '{service} не отвечает. Зависящие от него части приостановлены.', 'banner.retry': 'Повторить',
  'problem.forbidden': 'Запрещено правилом «{rule}»: {detail}', 'problem.conflict': 'Обращение изменилось: {detail} На странице его текущее состояние.',
  'rule.owner-or-assignee': 'это может только владелец обращения, исполнитель или руководитель',
  'rule.supervisor': 'это может только руководитель', 'rule.kb-editor': 'это может только редактор базы знаний',
  'rule.take-from-queue': 'специалист берёт только ожидающее обращение своей линии',
  'rule.assign-others': 'назначать других может только руководитель', 'rule.worked-ticket': 'оценивать подсказки может только тот, кто работал с обращением',
  'work.title': 'Моя работа', 'work.assigned': 'Назначены мне', 'work.owned': 'Мои', 'work.queue': 'Очередь {tier}',
  'work.all': 'Все', 'work.overdue': 'Просрочены', 'work.open': 'Открыты', 'work.filter': 'Фильтр', 'work.relation': 'Показать',
  'work.status': 'Статус', 'work.search': 'Номер, тема или клиент', 'work.empty': 'Пусто. Новая работа появится сама.',
  'work.presence': 'Присутствие', 'work.online': 'В сети', 'work.offline': 'Не в сети', 'work.load': 'Загрузка {active} из {capacity}',
  'work.live': 'В реальном времени', 'work.reconnecting': 'Переподключение…', 'work.notice': 'Новое: {text}', 'work.take': 'Взять',
  'col.number': 'Номер', 'col.subject': 'Тема', 'col.customer': 'Клиент', 'col.status': 'Статус', 'col.priority': 'Приоритет',
  'col.line': 'Линия', 'col.sla': 'Срок SLA', 'col.relation': 'Почему моё', 'col.agent': 'Специалист', 'col.clock': 'Часы',
  'col.due': 'Срок', 'col.waiting': 'Ждут', 'col.online': 'В сети', 'col.active': 'В работе', 'col.capacity': 'Ёмкость',
  'col.utilisation': 'Загрузка', 'col.oldest': 'Ждёт дольше всех', 'col.title': 'Заголовок', 'col.state': 'Состояние',
  'col.language': 'Язык', 'col.updated': 'Изменено', 'col.query': 'Запрос', 'col.count': 'Сколько',
  'new.title': 'Регистрация обращения', 'new.customerName': 'Имя клиента', 'new.customerEmail': 'E-mail клиента',
  'new.customerPhone': 'Телефон клиента', 'new.customerLanguage': 'Язык клиента', 'new.subject': 'Тема',
  'new.description': 'Описание', 'new.channel': 'Канал', 'new.urgency': 'Срочность', 'new.diagnostics': 'Диагностика',
  'new.product': 'Продукт', 'new.location': 'Место', 'new.symptoms': 'Симптомы', 'new.equipment': 'Оборудование',
  'new.preceding': 'Предшествующие действия', 'new.register': 'Зарегистрировать', 'new.lookup': 'Известные клиенты',
  'new.chosen': 'Существующий клиент: {name}', 'new.clear': 'Новый клиент',
  'ticket.title': 'Обращение {number}', 'ticket.status': 'Статус', 'ticket.priority': 'Приоритет', 'ticket.line': 'Линия',
  'ticket.owner': 'Владелец', 'ticket.assignee': 'Исполнитель', 'ticket.customer': 'Клиент', 'ticket.plan': 'Тариф',
  'ticket.channel': 'Канал', 'ticket.opened': 'Открыто', 'ticket.sla': 'SLA', 'ticket.timeline': 'Хронология',
  'ticket.diagnostics': 'Диагностика', 'ticket.saveDiagnostics': 'Сохранить диагностику', 'ticket.category': 'Категория',
  'ticket.reply': 'Ответить', 'ticket.ask': 'Спросить клиента', 'ticket.note': 'Внутренняя заметка', 'ticket.message': 'Сообщение',
  'ticket.resolve': 'Решить', 'ticket.solution': 'Краткое решение', 'ticket.solvedBy': 'Статья с решением',
  'ticket.noArticle': 'Без статьи', 'ticket.draft': 'Начать черновик статьи по обращению',
  'ticket.escalate': 'Эскалировать', 'ticket.reason': 'Причина', 'ticket.target': 'На линию', 'ticket.return': 'Вернуть на L1',
  'ticket.close': 'Закрыть', 'ticket.reopen': 'Открыть снова', 'ticket.suggested': 'Предложенные статьи', 'ticket.useInReply': 'Вставить в ответ',
  'ticket.helpful': 'Помогла', 'ticket.notHelpful': 'Не помогла', 'ticket.thanks': 'Спасибо: учтено.',
  'ticket.noSuggestions': 'Подсказок пока нет.', 'ticket.done': 'Готово.', 'ticket.draftStarted': 'Черновик {id} создан.',
  'ticket.take': 'Взять обращение', 'ticket.solutionGiven': 'Последнее решение', 'ticket.actions': 'Действия',
  'sla.first-response': 'Первый ответ', 'sla.next-reply': 'Следующий ответ', 'sla.resolution': 'Решение',
  'sla.left': 'осталось {time}', 'sla.overdue': 'просрочено на {time}', 'sla.paused': 'на паузе', 'sla.met': 'выполнено',
  'sla.stopped': 'остановлено', 'sla.breached': 'нарушено', 'sla.warned': 'предупреждение', 'sla.none': 'Часов пока нет.',
  'kb.title': 'База знаний', 'kb.search': 'Поиск по базе знаний', 'kb.find': 'Найти', 'kb.results': 'Результаты',
  'kb.none': 'Ничего не найдено.', 'kb.new': 'Новая статья', 'kb.articles': 'Статьи', 'kb.candidates': 'Кандидаты из обращений',
  'kb.gaps': 'Пробелы поиска', 'kb.articleTitle': 'Заголовок', 'kb.problem': 'Проблема', 'kb.cause': 'Причина', 'kb.solution': 'Решение (Markdown)',
  'kb.audience': 'Аудитория', 'kb.public': 'Публичная', 'kb.internal': 'Внутренняя', 'kb.tier': 'Линия', 'kb.save': 'Сохранить',
  'kb.preview': 'Предпросмотр', 'kb.versions': 'Версии', 'kb.submit': 'На проверку', 'kb.publish': 'Опубликовать',
  'kb.sendBack': 'Вернуть с комментарием', 'kb.retire': 'Снять', 'kb.comment': 'Комментарий', 'kb.version': 'Версия {v}',
  'kb.products': 'Продукты (через запятую)', 'kb.tags': 'Метки (через запятую)', 'kb.solutionText': 'Решение',
  'kb.draftGroup': 'Написать один черновик по этим обращениям',
  'kb.live': 'действующая', 'kb.saved': 'Сохранено как версия {v}.', 'kb.state': 'Состояние: {state}', 'kb.back': 'Назад к базе знаний',
  'sup.title': 'Контроль', 'sup.queues': 'Очереди по линиям', 'sup.agents': 'Специалисты', 'sup.atRisk': 'Под угрозой', 'sup.within': 'Срок в пределах',
  'sup.reassign': 'Переназначить', 'sup.to': 'Специалисту', 'sup.none': 'Угроз нет.',
  'q.title': 'Качество', 'q.period': 'Период', 'q.from': 'С', 'q.to': 'По', 'q.groupBy': 'Группировать', 'q.none': 'Без группировки',
  'q.load': 'Показать', 'q.csv': 'Скачать CSV', 'q.shareResolved': 'Доля решённых', 'q.resolvedAtL1': 'Решено на L1',
  'q.norm': 'Норма 70–80 %', 'q.compliance': 'Соблюдение SLA', 'q.repeat': 'Повторные обращения', 'q.satisfaction': 'Удовлетворённость',
  'q.firstResponse': 'Первый ответ p50', 'q.resolution': 'Решение p50', 'q.opened': 'Открыто', 'q.resolvedCount': 'Решено',
  'q.chart': 'Качество по группам', 'q.day': 'День', 'q.week': 'Неделя', 'q.plan': 'Тариф', 'q.tier': 'Линия', 'q.channel': 'Канал', 'q.agent': 'Специалист',
  'status.new': 'новое', 'status.open': 'в работе', 'status.awaiting-customer': 'ждёт клиента', 'status.resolved': 'решено',
  'status.closed': 'закрыто', 'status.draft': 'черновик', 'status.in-review': 'на проверке', 'status.published': 'опубликована', 'status.retired': 'снята',
  'common.loading': 'Загрузка…', 'common.save': 'Сохранить', 'common.cancel': 'Отмена', 'common.open': 'Открыть', 'common.error': 'Что-то пошло не так: {detail}',
  'common.unavailable': '{service} не отвечает; эта часть ждёт его.', 'common.retry': 'Повторить', 'common.close': 'Закрыть',
};

export type Lang = 'en' | 'ru';
export const LANGS: Lang[] = ['en', 'ru'];
const dictionaries: Record<Lang, Partial<Record<Key, string>>> = { en, ru };

export function preferredLanguage(stored: string | null, browser: readonly string[]): Lang {
  if (stored === 'en' || stored === 'ru') return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'ru' || base === 'en') return base;
  }
  return 'en';
}

export function translate(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const text = dictionaries[lang][key as Key] ?? en[key as Key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

export function missingKeys(lang: Lang): string[] {
  return Object.keys(en).filter((k) => !(k in dictionaries[lang]) && k !== 'app.title');
}
