import * as assert from 'assert';
import type { InputOptions, PickOptions, Prompter } from '../../../src/vscode/ui/prompter';

/** One answer: a value to pick or type; KEEP accepts an input box's prefilled value; CANCEL is Escape. */
export type Answer = string | typeof KEEP | typeof CANCEL;
export const KEEP = Symbol('keep the prefilled value');
export const CANCEL = Symbol('cancel');

export interface Asked {
  readonly kind: 'pick' | 'input' | 'confirm';
  readonly title: string;
  /** pick: the item values; confirm: the actions. */
  readonly options?: readonly string[];
  /** pick: the highlighted value; input: the prefilled value. */
  readonly initial?: string;
  readonly step?: number;
  /** input: the validation message of each value the test typed. */
  readonly validation?: string;
  readonly validate?: (v: string) => string | undefined;
}

/**
 * Answers the extension's questions from a script, as a person would through the quick input; records every
 * question. An input answer that fails validation fails the test (as the real input box would not accept it).
 */
export class ScriptedPrompter implements Prompter {
  readonly asked: Asked[] = [];

  constructor(private readonly answers: Answer[]) {}

  private next(what: string): Answer {
    if (this.answers.length === 0) throw new Error(`the script has no answer left for: ${what}`);
    return this.answers.shift()!;
  }

  async pick<T>(o: PickOptions<T>): Promise<T | undefined> {
    const values = o.items.filter((i) => i.kind === undefined || i.kind !== -1).map((i) => String(i.value));
    this.asked.push({ kind: 'pick', title: o.title, options: values, initial: o.active === undefined ? undefined : String(o.active), step: o.step });
    const a = this.next(o.title);
    if (a === CANCEL) return undefined;
    const item = o.items.find((i) => String(i.value) === (a === KEEP ? String(o.active) : a));
    assert.ok(item, `no item "${String(a)}" in "${o.title}"`);
    return item.value;
  }

  async input(o: InputOptions): Promise<string | undefined> {
    const a = this.next(o.title);
    const value = a === KEEP ? o.value : a === CANCEL ? undefined : a;
    const validation = value === undefined ? undefined : o.validate(value);
    this.asked.push({ kind: 'input', title: o.title, initial: o.value, step: o.step, validation, validate: (v) => o.validate(v) });
    if (value === undefined) return undefined;
    assert.strictEqual(validation, undefined, `"${value}" rejected in "${o.title}": ${validation}`);
    return value;
  }

  async confirm(message: string, _detail: string, actions: readonly string[]): Promise<string | undefined> {
    this.asked.push({ kind: 'confirm', title: message, options: actions });
    const a = this.next(message);
    return a === CANCEL || a === KEEP ? undefined : a;
  }

  /** Every answer was used. */
  done(): void {
    assert.strictEqual(this.answers.length, 0, `unused answers: ${this.answers.map(String).join(', ')}`);
  }
}
