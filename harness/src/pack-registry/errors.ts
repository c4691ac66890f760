/** Errors of the seed-pack registry; `code` is stable. */
export class PackError extends Error {
  readonly code: string;
  constructor(
    code:
      | 'packs/unknown-pack'
      | 'packs/unknown-phase'
      | 'packs/phase-required'
      | 'packs/bad-baselines'
      | 'packs/missing-values',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PackError';
    this.code = code;
  }
}
