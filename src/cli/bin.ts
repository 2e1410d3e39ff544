#!/usr/bin/env node
/**
 * What `bin` runs: a lint run's candidate thread is spawned first
 * (prestart.ts), then the CLI itself (yargs, the commands) loads while that
 * thread loads Babel.
 */
import './prestart.js';

await import('./main.js');
