// Run by the local runner (and a Kubernetes init container) before the service starts.
import { join } from 'node:path';
import { migrateService } from '@shop/postgres';
import { loadOrderConfig } from './config';

void migrateService(loadOrderConfig(), join(__dirname, '..', 'migrations'));
