/**
 * Errors of the harness runtimes. Every error has a stable `code`; messages say what failed,
 * where (binary, URL, port, file) and what to do.
 */
export class RuntimeError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RuntimeError';
    this.code = code;
  }
}

/** A binary the runtime needs is not on PATH. */
export class BinaryNotFoundError extends RuntimeError {
  readonly searched: readonly string[];
  constructor(what: string, searched: readonly string[], hint: string) {
    super(
      'runtime/binary-not-found',
      `${what} not found: searched PATH for ${searched.map((s) => `'${s}'`).join(', ')}. Install it (${hint}) or pass its path in options.binaries.`,
    );
    this.name = 'BinaryNotFoundError';
    this.searched = searched;
  }
}

/** A process exited before it became ready, or never became ready. `logTail` holds its last log lines. */
export class ProcessStartError extends RuntimeError {
  readonly logTail: string;
  constructor(code: string, message: string, logTail: string, options?: { cause?: unknown }) {
    super(code, logTail ? `${message}\n--- last log lines ---\n${logTail}` : message, options);
    this.name = 'ProcessStartError';
    this.logTail = logTail;
  }
}

/** Input the runtime cannot use (series without a name, bad rule interval, end before start...). */
export class RuntimeInputError extends RuntimeError {
  readonly path?: string;
  constructor(message: string, path?: string, options?: { cause?: unknown }) {
    super('runtime/input', path ? `${path}: ${message}` : message, options);
    this.name = 'RuntimeInputError';
    this.path = path;
  }
}

/** A container engine is needed and none answers. */
export class ContainerEngineUnavailableError extends RuntimeError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(
      'runtime/no-container-engine',
      `No container engine answers (${reason}). Start Docker/Podman, or set DOCKER_HOST, or use the 'local' or 'embedded' runtime.`,
      options,
    );
    this.name = 'ContainerEngineUnavailableError';
  }
}
