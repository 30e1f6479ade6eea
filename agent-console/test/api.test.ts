import { describe, expect, it } from 'vitest';
import { Intent, SseParser, toProblem, type StreamNotice } from '../src/api';

describe('problems', () => {
  it('shows the detail and names the fields and rules', () => {
    const p = toProblem('intake', 403, JSON.stringify({ title: 'Forbidden', status: 403, detail: 'only the owner',
      errors: [{ field: 'owner-or-assignee', message: 'not yours' }] }));
    expect(p).toMatchObject({ status: 403, detail: 'only the owner', fields: ['owner-or-assignee'], service: 'intake' });
  });

  it('falls back to the fields\' messages, then the title, then the status, never to a blank', () => {
    expect(toProblem('router', 400, JSON.stringify({ title: 'Bad Request', errors: [{ field: 'reason', message: 'required' }] })).detail)
      .toBe('reason: required');
    expect(toProblem('router', 400, JSON.stringify({ title: 'Bad Request' })).detail).toBe('Bad Request');
    expect(toProblem('router', 502, '<html>gateway</html>').detail).toBe('HTTP 502');
  });
});

describe('intents', () => {
  it('keep one idempotency key for every attempt until the action succeeds', () => {
    const intent = new Intent();
    const first = intent.current;
    expect(intent.current).toBe(first);
    intent.done();
    expect(intent.current).not.toBe(first);
  });
});

describe('server-sent events', () => {
  it('parses events split anywhere across chunks, with ids, names, comments and multi-line data', () => {
    const seen: StreamNotice[] = [];
    const parser = new SseParser((n) => seen.push(n));
    parser.push(': keep-alive\n\nid: 7-1\nevent: assigned\nda');
    parser.push('ta: {"ticketId":"t1","subject":"VPN"}\n');
    parser.push('\nid: 7-2\r\ndata: {"a":\r\ndata: 1}\r\n\r\n');
    expect(seen).toEqual([
      { id: '7-1', event: 'assigned', data: { ticketId: 't1', subject: 'VPN' } },
      { id: '7-2', event: 'message', data: { a: 1 } },
    ]);
  });

  it('keeps the last id for an event without one and survives data that is not JSON', () => {
    const seen: StreamNotice[] = [];
    const parser = new SseParser((n) => seen.push(n));
    parser.push('id: 9-1\nevent: resync\ndata: load again\n\n');
    expect(seen).toEqual([{ id: '9-1', event: 'resync', data: { text: 'load again' } }]);
  });
});
