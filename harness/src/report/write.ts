import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ResultDocument } from '../result/types.js';
import { renderReport, type ReportOptions } from './render.js';

/** Renders the report and writes it to `path` (parent directories created). Returns the byte size. */
export async function writeReport(path: string, doc: ResultDocument, options: ReportOptions = {}): Promise<number> {
  const html = renderReport(doc, options);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, html, 'utf8');
  return Buffer.byteLength(html);
}
