#!/usr/bin/env node
// `npm run stop`: stops every process a start (of any profile) left running.
import { stopStack } from './lib/stack.mjs';
import { topology } from './lib/paths.mjs';

for (const profile of topology.profiles) {
  const stopped = await stopStack(profile);
  if (stopped.length) console.log(`stopped ${profile}: ${stopped.join(', ')}`);
}
