import type { HavenConfig } from './haven-config.js';
import { ConfigError, loadConfig } from './load-config.js';

/**
 * Validates the configuration before anything boots, so a bad variable stops the process with one
 * clear sentence instead of a stack trace from deep inside Nest's module loader.
 */
export function exitOnBadConfig(processName: string): HavenConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${processName}: ${error.message}`);
    process.exit(1);
  }
}
