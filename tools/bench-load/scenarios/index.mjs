// Scenarios are modules: { name, description, defaults, setup(ctx), next(state) } (and
// optionally placesOrders). Add one here (e.g. checkout, soak) and the CLI offers it.
import * as catalog from './catalog.mjs';
import * as mixed from './mixed.mjs';

export const scenarios = { catalog, mixed };
