/**
 * The testcontainers runtime's images (pins, env and option overrides) and its optional peer
 * dependencies (a missing one is an error naming what to install). No engine needed.
 */
import { describe, expect, it } from 'vitest';
import { loadOptionalPeer, PINNED_IMAGES, resolveImages } from '../../src/runtime/container-engine.js';
import { RuntimeError } from '../../src/runtime/errors.js';

describe('images of the testcontainers runtime', () => {
  it('default to the pins', () => {
    expect(resolveImages({}, {})).toEqual(PINNED_IMAGES);
  });

  it('ALERTCRAFT_<NAME>_IMAGE overrides a pin, an option overrides both', () => {
    const env = { ALERTCRAFT_PROMETHEUS_IMAGE: 'alertcraft-local/prometheus:2.42.0', ALERTCRAFT_POSTGRES_IMAGE: ' ' };
    expect(resolveImages({}, env)).toEqual({ ...PINNED_IMAGES, prometheus: 'alertcraft-local/prometheus:2.42.0' });
    expect(resolveImages({ prometheus: 'example.org/prom:3' }, env).prometheus).toBe('example.org/prom:3');
  });

  it('a bad reference names where it came from', () => {
    expect(() => resolveImages({}, { ALERTCRAFT_ALERTMANAGER_IMAGE: 'not an image' })).toThrow(
      /^ALERTCRAFT_ALERTMANAGER_IMAGE: 'not an image' is not an image reference/,
    );
    expect(() => resolveImages({ grafana: 'a b' }, {})).toThrow(/^options\.images\.grafana: 'a b'/);
  });
});

describe('optional peer dependencies', () => {
  it('a missing one is a runtime/missing-peer-dependency error with the install command', async () => {
    const notFound = Object.assign(new Error("Cannot find package 'testcontainers'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const err = await loadOptionalPeer('testcontainers', () => Promise.reject(notFound)).catch(
      (e: unknown) => e as RuntimeError,
    );
    expect(err).toBeInstanceOf(RuntimeError);
    expect(err.code).toBe('runtime/missing-peer-dependency');
    expect(err.message).toContain("needs the optional peer dependency 'testcontainers'");
    expect(err.message).toContain('npm install testcontainers @testcontainers/postgresql');
  });

  it('other import failures pass through unchanged', async () => {
    const broken = new SyntaxError('Unexpected token');
    await expect(loadOptionalPeer('testcontainers', () => Promise.reject(broken))).rejects.toBe(broken);
  });

  it('an installed one loads', async () => {
    const mod = await loadOptionalPeer('testcontainers', () => import('testcontainers'));
    expect(typeof mod.GenericContainer).toBe('function');
  });
});
