import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { isolatedEnv } from './codeServer';
import { CHROMIUM, tmpRoot } from './paths';

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Headless Debian Chromium with its own profile and home under the run's temp root. */
export async function launchBrowser(name: string): Promise<Browser> {
  const dir = join(tmpRoot(), name);
  const profile = join(dir, 'profile');
  mkdirSync(profile, { recursive: true });
  const env = isolatedEnv(dir) as Record<string, string>;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    env,
    viewport: { width: 1280, height: 800 },
    timeout: 30_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
    },
  };
}
