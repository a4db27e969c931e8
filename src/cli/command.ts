// What every `attrib` sub-command module exports as default.
export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. Throw CliError for a user-facing failure. */
  run(argv: string[]): Promise<number>;
}

/** A failure the user can fix: printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
