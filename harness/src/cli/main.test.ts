import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, userCwd } from './main.js';

const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('alertcraft main', () => {
  it('--version and -V print the harness version and exit 0', async () => {
    for (const flag of ['--version', '-V']) {
      const out: string[] = [];
      expect(await main([flag], { stdout: (l) => out.push(l), stderr: () => {}, isTTY: false, cwd: '/' })).toBe(0);
      expect(out).toEqual([`alertcraft ${version}`]);
    }
  });

  it("resolves against INIT_CWD only when run through the root 'alertcraft' script from its package's directory", () => {
    const viaScript = {
      INIT_CWD: '/home/u/suite',
      npm_lifecycle_event: 'alertcraft',
      npm_package_json: '/repo/package.json',
    };
    expect(userCwd(viaScript, '/repo')).toBe('/home/u/suite');
    // The script cd'd somewhere first: that directory wins.
    expect(userCwd(viaScript, '/repo/alerts')).toBe('/repo/alerts');
    // Another script (e.g. a user's `test:alerts`) or no script: the process's own directory.
    expect(userCwd({ ...viaScript, npm_lifecycle_event: 'test:alerts' }, '/repo')).toBe('/repo');
    expect(userCwd({}, '/somewhere')).toBe('/somewhere');
  });
});
