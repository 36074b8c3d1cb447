/**
 * The file name a `Content-Disposition` header gives: the UTF-8 `filename*` (RFC 8187) first, else the
 * plain `filename`; null when there is none. Path separators are dropped: the browser saves it as is.
 */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  let name: string | null = null;
  if (extended?.[1]) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = null;
    }
  }
  name ??= /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? /filename\s*=\s*([^;\s]+)/i.exec(header)?.[1] ?? null;
  const safe = name?.replace(/[/\\]/g, '-').trim();
  return safe ? safe : null;
}

/**
 * Reads a response body chunk by chunk, reporting the bytes received so far (for a determinate
 * progress bar against Content-Length), and returns it whole.
 */
export async function readWithProgress(res: Response, onBytes: (received: number) => void): Promise<Uint8Array[]> {
  const reader = res.body?.getReader();
  if (!reader) {
    const whole = new Uint8Array(await res.arrayBuffer());
    onBytes(whole.byteLength);
    return [whole];
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
    received += value.byteLength;
    onBytes(received);
  }
}

/** Hands a file to the browser's downloads: a Blob behind a temporary `<a download>`, clicked once. */
export function saveFile(parts: readonly Uint8Array[], type: string, name: string): void {
  const url = URL.createObjectURL(new Blob(parts as unknown as BlobPart[], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
