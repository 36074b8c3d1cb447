import { describe, expect, it } from 'vitest';
import { dispositionFileName, readWithProgress } from './download.ts';

describe('export download helpers', () => {
  it('takes the UTF-8 file name first, then the plain one; drops path separators', () => {
    expect(
      dispositionFileName(
        `attachment; filename="overleg-geel-2025-10-14.md"; filename*=UTF-8''overleg-g%C3%A9el-2025-10-14.md`,
      ),
    ).toBe('overleg-géel-2025-10-14.md');
    expect(dispositionFileName('attachment; filename="verslag.pdf"')).toBe('verslag.pdf');
    expect(dispositionFileName('attachment; filename=verslag.csv')).toBe('verslag.csv');
    expect(dispositionFileName(`attachment; filename*=UTF-8''..%2F..%2Fetc.json`)).toBe('..-..-etc.json');
    expect(dispositionFileName(`attachment; filename*=UTF-8''%E0%A4%A; filename="fallback.md"`)).toBe('fallback.md');
    expect(dispositionFileName('attachment')).toBeNull();
    expect(dispositionFileName(null)).toBeNull();
  });

  it('reads a body in chunks and reports the bytes so far', async () => {
    const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    const seen: number[] = [];
    const parts = await readWithProgress(new Response(body), (n) => seen.push(n));
    expect(seen).toEqual([3, 5]);
    expect(parts.flatMap((p) => [...p])).toEqual([1, 2, 3, 4, 5]);
  });
});
