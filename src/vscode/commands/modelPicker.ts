import * as vscode from 'vscode';
import { loadCatalog } from '../../core/pricing/catalog';
import type { CatalogModel } from '../../core/pricing/types';
import { priceText } from '../format';
import type { PickItem, Prompter } from '../ui/prompter';

/** Vendors listed first, with bare ids (`gpt-4o`); every other provider's models are listed as `provider:model`. */
const FIRST_PARTY = ['openai', 'anthropic', 'google', 'mistral', 'x-ai', 'deepseek', 'cohere', 'moonshotai', 'zhipuai', 'minimax'];

let cached: Promise<PickItem<string>[]> | undefined;

function item(id: string, m: CatalogModel): PickItem<string> {
  return {
    label: id,
    description: priceText(m.prices),
    detail: `${m.providerName}${m.name ? ` · ${m.name}` : ''}${m.priceDate ? ` · prices from ${m.priceDate}` : ''}${m.contextWindow ? ` · ${Math.round(m.contextWindow / 1000)}k context` : ''}`,
    value: id,
  };
}

/** Every model of the catalog with its prices, first-party vendors first, grouped by provider. */
export function modelItems(): Promise<PickItem<string>[]> {
  cached ??= loadCatalog().then((catalog) => {
    const all = catalog.list().filter((m) => !m.deprecated);
    const rank = (p: string) => (FIRST_PARTY.includes(p) ? FIRST_PARTY.indexOf(p) : FIRST_PARTY.length);
    all.sort((a, b) => rank(a.provider) - rank(b.provider) || a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
    const out: PickItem<string>[] = [];
    const seen = new Set<string>();
    let group = '';
    for (const m of all) {
      const id = FIRST_PARTY.includes(m.provider) && !seen.has(m.id) ? m.id : `${m.provider}:${m.id}`;
      if (seen.has(id)) continue;
      seen.add(id);
      if (m.providerName !== group) {
        group = m.providerName;
        out.push({ label: group, kind: vscode.QuickPickItemKind.Separator, value: '' });
      }
      out.push(item(id, m));
    }
    return out;
  });
  return cached;
}

export interface PickModelOptions {
  readonly title: string;
  readonly current: string;
  /** Ids of `customModels` from the settings, listed first. */
  readonly custom?: readonly string[];
  readonly step?: number;
  readonly totalSteps?: number;
}

/** Asks for a model; the current one is highlighted (and listed first when the catalog does not know it). */
export async function pickModel(ui: Prompter, o: PickModelOptions): Promise<string | undefined> {
  const { title, current, step, totalSteps } = o;
  const items = await modelItems();
  const custom: PickItem<string>[] = (o.custom ?? []).map((id) => ({ label: id, description: 'custom model (customModels setting)', value: id }));
  const known = items.some((i) => i.value === current) || custom.some((i) => i.value === current);
  const list = [...(known ? [] : [{ label: current, description: 'current (not in the catalog)', value: current }]), ...custom, ...items];
  return ui.pick({ title, placeholder: `Model to price with (now ${current}); type to filter, e.g. claude, gemini, gpt-4o`, items: list, active: current, step, totalSteps });
}
