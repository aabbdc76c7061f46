/** Where CLI output goes; tests pass their own to capture it. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Progress bars only on a terminal; plain lines in CI and pipes. */
  readonly isTTY: boolean;
}

export const processIO: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  get isTTY() {
    return Boolean(process.stderr.isTTY);
  },
};

/** An error meant for the person at the terminal: printed as one line, exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
