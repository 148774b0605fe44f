// The mixed workload held for a long time (30 min by default) at half the mixed knee measured
// on this machine (100/s at p99 <= 100 ms, docs/performance.md), to see what only time shows:
// memory that keeps growing, tables that never shrink, orders that never settle. The CLI samples every
// process's memory each minute and judges it at the end (lib/soak.mjs).
import * as mixed from './mixed.mjs';

export const name = 'soak';
export const description = `${mixed.description}, held for a long time at half the knee`;
export const defaults = { ...mixed.defaults, rate: 50, duration: 1800 };
export const setup = mixed.setup;
export const next = mixed.next;
export const placesOrders = true;
export const soak = true;
