import type { HavenConfig } from './haven-config.js';
import { ConfigError, loadConfig } from './load-config.js';

/**
 * The exit status of a Haven process whose configuration cannot run it (EX_CONFIG in sysexits.h),
 * after one sentence saying why. `npm start` adds nothing to it; a supervisor should not restart.
 */
export const CONFIG_EXIT_CODE = 78;

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
    process.exit(CONFIG_EXIT_CODE);
  }
}
