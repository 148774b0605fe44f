import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const runDir = (profile) => join(root, '.run', profile);
export const logDir = (profile) => join(runDir(profile), 'logs');
export const require = createRequire(join(root, 'package.json'));
/** The one port plan (libraries/topology), plain JS so it loads before anything is built. */
export const topology = require('./libraries/topology/index.js');
