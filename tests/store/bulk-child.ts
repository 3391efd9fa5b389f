/**
 * A second process's bulk import (catalog-lists.test.ts): imports the folder into the data folder as
 * a bulk import in small batches, slowly enough to be seen and killed part-way.
 */
import { CatalogStore } from '../../src-main/archive/catalog/catalog-store.js';
import { importPaths } from '../../src-main/archive/ingest/import-files.js';

const [data, folder] = process.argv.slice(2) as [string, string];
const catalog = await CatalogStore.open(data);
await importPaths(catalog, [folder], { bulkFiles: 1, batchSize: 4 });
catalog.close();
