// Search snippets come HTML-escaped with the matching words in <mark>. The console shows them as text parts, never
// as HTML, so a snippet cannot carry markup of its own into the page.

export interface Part { text: string; marked: boolean }

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

export function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e] ?? e);
}

export function snippetParts(snippet: string | null | undefined): Part[] {
  if (!snippet) return [];
  const parts: Part[] = [];
  const re = /<mark>(.*?)<\/mark>/gs;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: unescape(snippet.slice(last, m.index)), marked: false });
    parts.push({ text: unescape(m[1]), marked: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: unescape(snippet.slice(last)), marked: false });
  // Anything tag-like left is the service's escaping gone wrong: show it as the text it is.
  return parts.filter((p) => p.text.length > 0);
}
