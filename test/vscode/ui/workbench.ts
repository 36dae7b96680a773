import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser } from '../lib/browser';
import type { Browser } from '../lib/browser';
import { startCodeServer } from '../lib/codeServer';
import type { CodeServer } from '../lib/codeServer';
import { SCREENSHOTS } from '../lib/paths';

/** A code-server with the packaged VSIX installed, open on a copy of samples/workspace in headless Chromium. */
export class Workbench {
  private constructor(
    readonly server: CodeServer,
    private readonly browser: Browser,
  ) {}

  get page(): Page {
    return this.browser.page;
  }

  static async open(name: string, settings?: Record<string, unknown>): Promise<Workbench> {
    const vsix = process.env.PCL_VSIX;
    if (!vsix) throw new Error('PCL_VSIX is not set: run the UI suites through test/vscode/run.mjs');
    const server = await startCodeServer({ name, vsix, settings });
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser(`${name}-browser`);
      await browser.page.goto(server.workbenchUrl());
      await browser.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await browser.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
      return new Workbench(server, browser);
    } catch (err) {
      await browser?.close();
      await server.stop();
      throw err;
    }
  }

  /** Opens a workspace file through Quick Open (Ctrl+P), as a user would; retried, since a keystroke can be lost. */
  async openFile(relativePath: string): Promise<void> {
    const { page } = this;
    const base = relativePath.split('/').pop() ?? relativePath;
    const activeTab = page.locator('.tabs-container .tab.active', { hasText: base });
    for (let attempt = 1; ; attempt++) {
      try {
        await page.keyboard.press('Escape');
        await page.keyboard.press('Control+P');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        await input.fill(relativePath);
        await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: base }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        await activeTab.waitFor({ timeout: 10_000 });
        return;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
  }

  /** The CodeLens decorations of the visible editor; a string must be the whole text (not a substring). */
  codeLens(hasText?: string | RegExp): Locator {
    if (hasText === undefined) return this.page.locator('.contentWidgets .codelens-decoration');
    const re = typeof hasText === 'string' ? new RegExp(`^\\s*${hasText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : hasText;
    return this.page.locator('.contentWidgets .codelens-decoration', { hasText: re });
  }

  /** The editor line (`.view-line`) showing `text`. */
  line(text: string): Locator {
    return this.page.locator('.monaco-editor .view-line', { hasText: text }).first();
  }

  /** A status bar entry by its text. */
  statusBarItem(hasText: string | RegExp): Locator {
    return this.page.locator('.statusbar-item', { hasText }).first();
  }

  /** Puts the cursor on the line showing `text`, opens the quick fixes (Ctrl+.) and picks the one titled `title` (screenshot of the open menu first, when named). */
  async quickFix(onLine: string, title: string | RegExp, screenshot?: string): Promise<void> {
    const { page } = this;
    const row = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    for (let attempt = 1; ; attempt++) {
      await this.line(onLine).click();
      await page.keyboard.press('Control+.');
      try {
        await row.waitFor({ timeout: 5_000 });
        break;
      } catch (err) {
        // Ctrl+. right after the click can race the code action request: close whatever opened and try again.
        await page.keyboard.press('Escape');
        if (attempt >= 3) throw err;
      }
    }
    if (screenshot) await this.screenshot(screenshot);
    await row.click();
  }

  /** Hovers the mouse over the line showing `text` and waits for a hover containing `expect`. */
  async hover(onLine: string, expect: string | RegExp): Promise<Locator> {
    const line = this.line(onLine);
    const box = await line.boundingBox();
    if (!box) throw new Error(`line "${onLine}" is not visible`);
    const hover = this.page.locator('.monaco-hover', { hasText: expect }).first();
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.page.mouse.move(box.x + 20 + attempt * 7, box.y + box.height / 2);
      try {
        await hover.waitFor({ state: 'visible', timeout: 5_000 });
        return hover;
      } catch {
        await this.page.mouse.move(0, 0);
      }
    }
    await hover.waitFor({ state: 'visible', timeout: 5_000 });
    return hover;
  }

  /** Runs a command from the Command Palette (F1) by its title. */
  async runCommand(title: string): Promise<void> {
    const { page } = this;
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
  }

  /**
   * Replaces the user settings through "Preferences: Open User Settings (JSON)", as a user would: the settings file
   * on disk is not watched by code-server's browser workbench, so writing it directly does not reach VS Code.
   */
  async setUserSettings(settings: Readonly<Record<string, unknown>>): Promise<void> {
    const { page } = this;
    const text = JSON.stringify({ ...this.server.defaultSettings, ...settings });
    await this.runCommand('Preferences: Open User Settings (JSON)');
    // 1.139 opens it in a modal editor over the workbench; find the editor by its content.
    const editor = page.locator('.monaco-editor', { has: page.locator('.view-lines', { hasText: 'security.workspace.trust.enabled' }) }).last();
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
    await page.keyboard.press('Control+S');
    const file = join(this.server.dir, 'data', 'User', 'settings.json');
    const deadline = Date.now() + 10_000;
    while (JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))) !== JSON.stringify(JSON.parse(text))) {
      if (Date.now() > deadline) throw new Error('the settings editor did not save settings.json');
      await page.waitForTimeout(100);
    }
    await page.keyboard.press('Escape');
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.stop();
  }
}

/** Mocha afterEach body: a screenshot named after a failed test. */
export async function screenshotOnFailure(wb: Workbench | undefined, test: Mocha.Test | undefined): Promise<void> {
  if (wb && test?.state === 'failed') {
    const path = await wb.screenshot(`FAILED-${test.fullTitle()}`).catch(() => undefined);
    if (path) console.log(`      screenshot: ${path}`);
  }
}
