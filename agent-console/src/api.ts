// Every call the console makes goes through here: the edge's prefix per service, the user's token, an
// Idempotency-Key on every POST, If-Match where the API versions the resource, and problems turned into readable
// errors (401 signs out, 403 names the rule, a dead service is "unavailable" for the parts that need it).

export type Service = 'intake' | 'router' | 'sla' | 'knowledge' | 'notification';

export const SERVICE_NAMES: Record<Service, string> = {
  intake: 'ticket-intake', router: 'escalation-router', sla: 'sla-monitor',
  knowledge: 'knowledge-service', notification: 'notification-service',
};

export interface Problem {
  status: number;
  title: string;
  detail: string;
  type?: string;
  /** The fields or rules the problem names (errors[].field). */
  fields: string[];
  service: Service;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
  get status() { return this.problem.status; }
  /** 403 naming a rule: the console says what the rule is instead of "forbidden". */
  get rule(): string | undefined { return this.problem.status === 403 ? this.problem.fields[0] : undefined; }
}

export class Unavailable extends Error {
  constructor(readonly service: Service) {
    super(`${SERVICE_NAMES[service]} is not answering`);
  }
}

export interface Answer<T> { status: number; data: T; etag: string | null; replayed: boolean }

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** The key that makes a repeated POST change nothing twice; made here when absent. */
  idempotencyKey?: string;
  ifMatch?: string | number | null;
  accept?: string;
  signal?: AbortSignal;
}

/** Reads a problem+json body (or whatever came) into a Problem. */
export function toProblem(service: Service, status: number, text: string): Problem {
  let body: Record<string, unknown> = {};
  try { body = JSON.parse(text); } catch { /* not JSON: keep the status line */ }
  const errors = Array.isArray(body.errors) ? body.errors as { field?: string; message?: string }[] : [];
  const detail = typeof body.detail === 'string' && body.detail ? body.detail
    : errors.map((e) => [e.field, e.message].filter(Boolean).join(': ')).join('; ')
      || (typeof body.title === 'string' ? body.title : `HTTP ${status}`);
  return { status, title: typeof body.title === 'string' ? body.title : `HTTP ${status}`, detail,
    type: typeof body.type === 'string' ? body.type : undefined,
    fields: errors.map((e) => e.field).filter((f): f is string => typeof f === 'string'), service };
}

export function newKey(): string {
  return crypto.randomUUID();
}

/** One user intent (a form's submission): the same key for every attempt until it succeeds. */
export class Intent {
  private key = newKey();
  get current() { return this.key; }
  done() { this.key = newKey(); }
}

export class Api {
  constructor(private readonly token: () => string | null, private readonly onUnauthorized: () => void,
    private readonly base = '') {}

  bearer(): string | null {
    return this.token();
  }

  url(service: Service, path: string): string {
    return `${this.base}/${service}${path}`;
  }

  async call<T = unknown>(service: Service, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    const method = options.method ?? (options.body === undefined ? 'GET' : 'POST');
    const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method === 'POST') headers['Idempotency-Key'] = options.idempotencyKey ?? newKey();
    if (options.ifMatch !== undefined && options.ifMatch !== null) headers['If-Match'] = `"${options.ifMatch}"`;
    let response: Response;
    try {
      response = await fetch(this.url(service, path), { method, headers, signal: options.signal,
        body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new Unavailable(service);
    }
    const text = await response.text();
    if (response.status === 503 || response.status === 502 || response.status === 504) {
      throw new Unavailable(service);
    }
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      throw new ApiError(toProblem(service, response.status, text));
    }
    const type = response.headers.get('content-type') ?? '';
    const data = (type.includes('json') && text ? JSON.parse(text) : text) as T;
    return { status: response.status, data, etag: response.headers.get('etag')?.replace(/"/g, '') ?? null,
      replayed: response.headers.get('idempotent-replayed') === 'true' };
  }

  async get<T = unknown>(service: Service, path: string, signal?: AbortSignal): Promise<T> {
    return (await this.call<T>(service, path, { signal })).data;
  }

  post<T = unknown>(service: Service, path: string, body: unknown, intent?: Intent, ifMatch?: string | number | null) {
    return this.call<T>(service, path, { method: 'POST', body, idempotencyKey: intent?.current, ifMatch });
  }

  put<T = unknown>(service: Service, path: string, body: unknown, ifMatch?: string | number | null) {
    return this.call<T>(service, path, { method: 'PUT', body, ifMatch });
  }
}

export interface StreamNotice { id: string; event: string; data: Record<string, unknown> }

/**
 * Server-Sent Events over fetch, because EventSource cannot send the Authorization header. Reconnects with
 * Last-Event-ID after a drop, backing off up to 15 s; `resync` asks the screen to load its lists afresh.
 */
export function openStream(api: Api, service: Service, path: string, onNotice: (n: StreamNotice) => void,
  onState: (connected: boolean) => void): () => void {
  const controller = new AbortController();
  let lastId = '';
  let delay = 500;
  const run = async () => {
    while (!controller.signal.aborted) {
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream' };
        const token = api.bearer();
        if (token) headers.Authorization = `Bearer ${token}`;
        if (lastId) headers['Last-Event-ID'] = lastId;
        const response = await fetch(api.url(service, path), { headers, signal: controller.signal });
        if (response.status === 401 || response.status === 403) { onState(false); return; }
        if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
        onState(true);
        delay = 500;
        const parser = new SseParser((n) => { if (n.id) lastId = n.id; onNotice(n); });
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.push(value);
        }
      } catch (e) {
        if (controller.signal.aborted) return;
      }
      onState(false);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15_000);
    }
  };
  void run();
  return () => controller.abort();
}

/** The text/event-stream format: fields per line, an event ends at a blank line. */
export class SseParser {
  private buffer = '';
  private id = '';
  private event = '';
  private data: string[] = [];
  constructor(private readonly emit: (n: StreamNotice) => void) {}

  push(chunk: string) {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\n|\r/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + (this.buffer.startsWith('\r\n', newline) ? 2 : 1));
      this.line(line);
    }
  }

  private line(line: string) {
    if (line === '') {
      if (this.data.length) {
        let data: Record<string, unknown> = {};
        try { data = JSON.parse(this.data.join('\n')); } catch { data = { text: this.data.join('\n') }; }
        this.emit({ id: this.id, event: this.event || 'message', data });
      }
      this.event = ''; this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id') this.id = value;
  }
}
