import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/*
 * For tests only: the real tools a reader's computer would use on our DOCX and PDF files. LibreOffice
 * (soffice, from libreoffice-writer-nogui) opens and converts the DOCX; poppler-utils (pdftotext,
 * pdfinfo) reads the PDFs. .ci/run installs both; a missing tool fails the test, it never skips it.
 */

const run = promisify(execFile);

/** Fails loudly (with the fix) when a tool is not installed. */
export async function requireTool(command: string): Promise<void> {
  try {
    await run('sh', ['-c', `command -v ${command}`]);
  } catch {
    throw new Error(
      `${command} is not installed: apt-get install -y poppler-utils libreoffice-writer-nogui (see .ci/run)`,
    );
  }
}

async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'vrijuit-export-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * LibreOffice headless converts `bytes` (a file named `name`) to `target` ('txt:Text', 'pdf'). A fresh
 * profile per call, so parallel runs never share a lock; its stderr is kept to explain a failure.
 */
export async function libreOfficeConvert(bytes: Uint8Array, name: string, target: string): Promise<Uint8Array> {
  return inTempDir(async (dir) => {
    await writeFile(join(dir, name), bytes);
    const out = join(dir, 'out');
    const { stdout, stderr } = await run(
      'soffice',
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        target,
        '--outdir',
        out,
        join(dir, name),
      ],
      { timeout: 60_000 },
    );
    const converted = join(out, name.replace(/\.[^.]+$/, `.${target.split(':')[0]}`));
    try {
      return new Uint8Array(await readFile(converted));
    } catch {
      throw new Error(`LibreOffice did not convert ${name} to ${target}:\n${stdout}\n${stderr}`);
    }
  });
}

/** The DOCX's text as LibreOffice reads it (UTF-8, one paragraph or table cell a line). */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const txt = await libreOfficeConvert(bytes, 'export.docx', 'txt:Text (encoded):UTF8');
  return new TextDecoder().decode(txt).replace(/^\uFEFF/, '');
}

/** pdftotext's reading of a PDF: 'layout' keeps a table row on one line, 'raw' keeps a cell's text together. */
export async function pdfText(bytes: Uint8Array, mode: 'layout' | 'raw' = 'layout'): Promise<string> {
  return inTempDir(async (dir) => {
    await writeFile(join(dir, 'export.pdf'), bytes);
    const { stdout } = await run('pdftotext', [`-${mode}`, '-enc', 'UTF-8', join(dir, 'export.pdf'), '-']);
    return stdout;
  });
}

/** pdfinfo's fields (dates as ISO), e.g. { Title, Author, CreationDate, Pages, 'Page size' }. */
export async function pdfInfo(bytes: Uint8Array): Promise<Record<string, string>> {
  return inTempDir(async (dir) => {
    await writeFile(join(dir, 'export.pdf'), bytes);
    const { stdout } = await run('pdfinfo', ['-isodates', join(dir, 'export.pdf')]);
    return Object.fromEntries(
      stdout
        .split('\n')
        .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1] ?? '', m[2] ?? '']),
    );
  });
}
