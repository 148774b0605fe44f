'use strict';
// Plain CommonJS on purpose: the local runner reads this before `npm install`/`tsc` ran.
const topology = require('./topology.json');

function offsetOf(profile) {
  const p = topology.profiles[profile];
  if (!p) throw new Error(`Unknown profile "${profile}" (known: ${Object.keys(topology.profiles).join(', ')})`);
  return p.portOffset;
}

function shift(obj, off) {
  const out = {};
  for (const [k, v] of Object.entries(obj)) out[k] = typeof v === 'number' && /port$/i.test(k) ? v + off : v;
  return out;
}

function appPorts(app, profile = 'dev') {
  const raw = topology.apps[app];
  if (!raw) throw new Error(`Unknown app "${app}"`);
  return shift(raw, offsetOf(profile));
}

function infrastructurePorts(profile = 'dev') {
  const off = offsetOf(profile);
  const out = {};
  for (const [name, ports] of Object.entries(topology.infrastructure)) out[name] = shift(ports, off);
  return out;
}

function databaseName(db, profile = 'dev') {
  return topology.databases[db] + topology.profiles[profile].dbSuffix;
}

function redisDb(profile = 'dev') {
  return topology.profiles[profile].redisDb;
}

/** Where the real payment provider's HTTPEndpoint points in a profile (tests: a loopback sandbox). */
function paymentProviderUrl(profile = 'dev') {
  offsetOf(profile);
  return topology.profiles[profile].paymentProviderUrl;
}

/**
 * Settings a profile gives one app (e.g. short payment timeouts for tests); {} when none.
 * Those under "*" go to every app (e.g. TRACE_SAMPLE_RATIO 1 in the test profiles).
 */
function appSettings(app, profile = 'dev') {
  offsetOf(profile);
  const all = topology.profiles[profile].appSettings ?? {};
  return { ...(all['*'] ?? {}), ...(all[app] ?? {}) };
}

/** The operators' console (no sidecar; not one of the Dapr apps). */
function consolePorts(profile = 'dev') {
  const { appId, restPort } = topology.console;
  return shift({ appId, restPort }, offsetOf(profile));
}

module.exports = {
  consolePorts,
  host: topology.host,
  components: topology.components,
  httpEndpoints: topology.httpEndpoints,
  routes: topology.routes,
  appNames: Object.keys(topology.apps),
  profiles: Object.keys(topology.profiles),
  appPorts,
  infrastructurePorts,
  databaseName,
  redisDb,
  appSettings,
  paymentProviderUrl,
};
