#!/usr/bin/env node
// `npm run stop [-- --profile <p>]`: stops every process a start left running, of one
// profile, or of every profile when none is named.
import { stopStack } from './lib/stack.mjs';
import { topology } from './lib/paths.mjs';

const at = process.argv.indexOf('--profile');
const only = at === -1 ? undefined : process.argv[at + 1];
if (only !== undefined && !topology.profiles.includes(only)) {
  console.error(`stop: unknown profile ${only} (profiles: ${topology.profiles.join(', ')})`);
  process.exit(1);
}
for (const profile of only === undefined ? topology.profiles : [only]) {
  const stopped = await stopStack(profile);
  if (stopped.length) console.log(`stopped ${profile}: ${stopped.join(', ')}`);
}
