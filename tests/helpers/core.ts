/**
 * Opening an archive core in a test as the shells do: with the bundled seeds/ imported on first use
 * (the core itself does not know where the app's files are; see src-main/app-paths.ts).
 */
import { join } from 'node:path';
import { ArchiveCore, type OpenOptions } from '../../src-main/archive/archive-core.js';

export const SEEDS_DIR = join(process.cwd(), 'seeds');

export function openCore(dataDir: string, options: OpenOptions = {}): Promise<ArchiveCore> {
  return ArchiveCore.open(dataDir, { seedsDir: SEEDS_DIR, ...options });
}
