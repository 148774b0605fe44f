#!/usr/bin/env node
// `npm run seed [-- --profile test]`: loads the demo catalog idempotently into the profile's
// MongoDB (FerretDB of a running `npm start`, or MONGODB_URL).
import { profileSettings, seedCatalog } from './lib/stack.mjs';
import { reachable } from './lib/stores.mjs';

const profile = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : 'dev';
const settings = profileSettings(profile);
const mongo = new URL(settings.mongoUrl);
if (!(await reachable(mongo.hostname, mongo.port || 27017))) {
  console.error(`No MongoDB answers at ${mongo.host}: start the shop first (npm start), or set MONGODB_URL.`);
  process.exit(1);
}
seedCatalog(settings, { ifEmpty: false });
