// Minimal, strict argument parsing shared by the `attrib` sub-commands.
import { CliError } from './command.js';

/** Parses `--flag value` and `--flag=value` options plus positionals. */
export function parseArgs(
  argv: string[],
  spec: { boolean?: string[]; string?: string[] },
): {
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
} {
  const flags: Record<string, string | boolean | undefined> = {};
  const positionals: string[] = [];
  const booleans = new Set(spec.boolean ?? []);
  const strings = new Set(spec.string ?? []);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (booleans.has(name)) {
      flags[name] = true;
      continue;
    }
    if (!strings.has(name)) {
      throw new CliError(`unknown option --${name}. Run with --help to see the options.`);
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new CliError(`option --${name} needs a value`);
    flags[name] = value;
  }
  return { flags, positionals };
}
