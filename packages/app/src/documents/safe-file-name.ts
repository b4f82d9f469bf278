/** Bidi controls (a name like "invoice\u202Efdp.exe" shows as "invoiceexe.pdf") and zero-width marks. */
const BIDI_AND_INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/**
 * A stored upload's display name: the last path part only (no "../" or "C:\\"), no bidi or control
 * characters, no leading dots, at most 200 characters; the fallback when nothing is left.
 */
export function safeFileName(raw: string, fallback: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(BIDI_AND_INVISIBLE, '')
    .replace(/\p{Cc}/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || fallback;
}

/** Content-Disposition for a download: always an attachment, with an ASCII fallback name and the UTF-8 one. */
export function attachmentDisposition(name: string, fallback = 'download'): string {
  return disposition('attachment', name, fallback);
}

/** Content-Disposition for a PDF a page shows in a frame (the browser's viewer), with the same safe names. */
export function inlineDisposition(name: string, fallback = 'document.pdf'): string {
  return disposition('inline', name, fallback);
}

function disposition(kind: 'attachment' | 'inline', name: string, fallback: string): string {
  const safe = safeFileName(name, fallback);
  const ascii = safe.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}
