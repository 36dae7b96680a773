import * as vscode from 'vscode';

export interface PickItem<T> extends vscode.QuickPickItem {
  readonly value: T;
}

export interface PickOptions<T> {
  readonly title: string;
  readonly placeholder?: string;
  readonly items: readonly PickItem<T>[];
  /** The item to highlight first. */
  readonly active?: T;
  readonly step?: number;
  readonly totalSteps?: number;
}

export interface InputOptions {
  readonly title: string;
  readonly prompt: string;
  readonly value: string;
  readonly placeholder?: string;
  readonly step?: number;
  readonly totalSteps?: number;
  /** A message for an invalid value (shown while typing), undefined when valid. */
  validate(value: string): string | undefined;
}

/**
 * The questions commands ask (quick picks, input boxes, modal confirmations). The extension uses VsCodePrompter;
 * host tests swap in a scripted one through the extension's API, so every flow runs to its end without a person.
 */
export interface Prompter {
  pick<T>(o: PickOptions<T>): Promise<T | undefined>;
  input(o: InputOptions): Promise<string | undefined>;
  /** A modal question; resolves to the chosen action, undefined when cancelled. */
  confirm(message: string, detail: string, actions: readonly string[]): Promise<string | undefined>;
}

/** Quick picks and input boxes with steps, validation as typed (InputBox.validationMessage) and Escape to cancel. */
export class VsCodePrompter implements Prompter {
  pick<T>(o: PickOptions<T>): Promise<T | undefined> {
    const qp = vscode.window.createQuickPick<PickItem<T>>();
    qp.title = o.title;
    qp.placeholder = o.placeholder;
    qp.step = o.step;
    qp.totalSteps = o.totalSteps;
    qp.matchOnDescription = true;
    qp.items = o.items;
    const active = o.items.find((i) => i.value === o.active);
    if (active) qp.activeItems = [active];
    return new Promise((resolve) => {
      let done = false;
      const finish = (v: T | undefined) => {
        if (done) return;
        done = true;
        resolve(v);
        qp.dispose();
      };
      qp.onDidAccept(() => finish(qp.selectedItems[0]?.value ?? qp.activeItems[0]?.value));
      qp.onDidHide(() => finish(undefined));
      qp.show();
    });
  }

  input(o: InputOptions): Promise<string | undefined> {
    const box = vscode.window.createInputBox();
    box.title = o.title;
    box.prompt = o.prompt;
    box.value = o.value;
    box.placeholder = o.placeholder;
    box.step = o.step;
    box.totalSteps = o.totalSteps;
    box.validationMessage = o.validate(o.value);
    return new Promise((resolve) => {
      let done = false;
      const finish = (v: string | undefined) => {
        if (done) return;
        done = true;
        resolve(v);
        box.dispose();
      };
      box.onDidChangeValue((v) => (box.validationMessage = o.validate(v)));
      box.onDidAccept(() => {
        const msg = o.validate(box.value);
        box.validationMessage = msg;
        if (msg === undefined) finish(box.value);
      });
      box.onDidHide(() => finish(undefined));
      box.show();
    });
  }

  async confirm(message: string, detail: string, actions: readonly string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  }
}

/** Holds the prompter in use; tests replace it (and restore it with `use(undefined)`). */
export class PrompterHost implements Prompter {
  private readonly real = new VsCodePrompter();
  private override: Prompter | undefined;

  use(p: Prompter | undefined): void {
    this.override = p;
  }

  private get p(): Prompter {
    return this.override ?? this.real;
  }

  pick<T>(o: PickOptions<T>): Promise<T | undefined> {
    return this.p.pick(o);
  }

  input(o: InputOptions): Promise<string | undefined> {
    return this.p.input(o);
  }

  confirm(message: string, detail: string, actions: readonly string[]): Promise<string | undefined> {
    return this.p.confirm(message, detail, actions);
  }
}
