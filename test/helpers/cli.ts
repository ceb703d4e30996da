/**
 * Runs the CLI in-process and captures what it prints.
 */
import { io } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';

/** Exit code and output of one CLI run. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `verbund ARGS…`. */
export async function cli(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const saved = { ...io };
  io.stdout = (s) => void (stdout += s);
  io.stderr = (s) => void (stderr += s);
  try {
    const code = await main(['node', 'verbund', ...args]);
    return { code, stdout, stderr };
  } finally {
    Object.assign(io, saved);
  }
}
