// Scenarios are modules: { name, description, defaults, setup(ctx), next(state) } (and
// optionally placesOrders, soak). Add one here (e.g. checkout) and the CLI offers it.
import * as catalog from './catalog.mjs';
import * as mixed from './mixed.mjs';
import * as soak from './soak.mjs';

export const scenarios = { catalog, mixed, soak };
