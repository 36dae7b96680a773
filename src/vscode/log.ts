import * as vscode from 'vscode';

/** The extension's one log: an output channel with levels (the user picks the level with "Developer: Set Log Level"). */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor(name: string) {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  info(message: string): void {
    this.channel.info(message);
  }

  debug(message: string): void {
    this.channel.debug(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  /** Logs an error with its stack when it has one. */
  error(message: string, err?: unknown): void {
    if (err instanceof Error) this.channel.error(`${message}: ${err.stack ?? err.message}`);
    else if (err !== undefined) this.channel.error(`${message}: ${String(err)}`);
    else this.channel.error(message);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
