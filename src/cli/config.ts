// The environment's configuration for a CLI command: a bad value becomes a
// CliError that names the variable, printed without a stack trace.
import { ConfigError, loadConfig, type Config } from '../config.js';
import { CliError } from './command.js';

export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
}
