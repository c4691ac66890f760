/** uid rules Grafana 11.2 enforces (at most 40 characters of `[A-Za-z0-9_-]`) and the datasources a document may name. */
import { isObject } from '../alerts/read-helpers.js';
import { problem, type Problem } from './problem.js';

export const UID_MAX_LENGTH = 40;
const UID_PATTERN = /^[A-Za-z0-9_-]+$/;

export function uidProblems(uid: string, path: string, what: string): Problem[] {
  const out: Problem[] = [];
  if (uid.length > UID_MAX_LENGTH) {
    out.push(
      problem(
        'error',
        'grafana/uid-length',
        path,
        `${what} uid is ${uid.length} characters; Grafana allows at most ${UID_MAX_LENGTH}`,
        `shorten it, e.g. ${JSON.stringify(uid.slice(0, UID_MAX_LENGTH))}`,
      ),
    );
  }
  if (!UID_PATTERN.test(uid)) {
    out.push(
      problem(
        'error',
        'grafana/uid-characters',
        path,
        `${what} uid ${JSON.stringify(uid)} has characters outside [A-Za-z0-9_-]`,
        `use ${JSON.stringify(uid.replace(/[^A-Za-z0-9_-]/g, '-'))}`,
      ),
    );
  }
  return out;
}

/** Datasources by uid, with their plugin type when known. */
export type DatasourceIndex = Map<string, { type?: string; name?: string }>;

/**
 * The datasources of GET /api/datasources (an array) or of a provisioning datasources file
 * (`{ datasources: [...] }`); throws an Error naming the entry without a uid.
 */
export function datasourceIndex(v: unknown): DatasourceIndex {
  const list = Array.isArray(v) ? v : isObject(v) && Array.isArray(v.datasources) ? v.datasources : undefined;
  if (!list) throw new Error('$: expected an array of datasources (GET /api/datasources) or { datasources: [...] }');
  const out: DatasourceIndex = new Map();
  list.forEach((d, i) => {
    const at = Array.isArray(v) ? `$[${i}]` : `$.datasources[${i}]`;
    if (!isObject(d) || typeof d.uid !== 'string' || d.uid === '')
      throw new Error(`${at}.uid: each datasource needs a uid`);
    out.set(d.uid, {
      type: typeof d.type === 'string' ? d.type : undefined,
      name: typeof d.name === 'string' ? d.name : undefined,
    });
  });
  return out;
}
