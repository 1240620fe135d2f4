import { CommanderError } from 'commander';
import { isWerkstroomError } from '../index.ts';

/** Where a command writes; `process.stdout` / `process.stderr` or a test's capture. */
export interface CliStream {
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
}

/** Exit code of a command that ran but failed (a `WerkstroomError`, an I/O error, invalid workflow). */
export const EXIT_FAILURE = 1;
/** Exit code of a command line commander could not accept (unknown option, missing argument, …). */
export const EXIT_USAGE = 2;

export function writeLine(stream: CliStream, text = ''): void {
  stream.write(`${text}\n`);
}

export function writeJson(stream: CliStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].map((l) => `${l}\n`).join('');
}

/**
 * A failure the command has already reported (or that needs no further words): only the exit
 * code is left. Commander's own errors have the same shape, so callers handle one type.
 */
export function failed(code: string, message: string, exitCode = EXIT_FAILURE): CommanderError {
  return new CommanderError(exitCode, code, message);
}

/** Prints an error the way the CLI does and turns it into the exit code carrying error. */
export function reportError(io: CliIo, error: unknown): CommanderError {
  if (error instanceof CommanderError) return error;
  if (isWerkstroomError(error)) {
    writeLine(io.stderr, `error [${error.code}]: ${error.message}`);
    return failed(`werkstroom.${error.code}`, error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  writeLine(io.stderr, `error: ${message}`);
  return failed('werkstroom.error', message);
}

/** Wraps a command action so every error it throws is printed once and carries its exit code. */
export function action<Args extends unknown[]>(
  io: CliIo,
  run: (...args: Args) => Promise<void>,
): (...args: Args) => Promise<void> {
  return async (...args) => {
    try {
      await run(...args);
    } catch (error) {
      throw reportError(io, error);
    }
  };
}
