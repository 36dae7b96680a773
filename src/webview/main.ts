/// <reference lib="dom" />
/**
 * The Prompt Cost panel's webview app. It renders the state the host sends and posts the user's changes; it computes
 * nothing itself. Every message from the host is validated (protocol.ts) before use. Across hide/show (no
 * retainContextWhenHidden) it repaints from getState() at once, then sends `ready` and gets fresh state.
 */
import type { LeverSettings } from '../core/whatif/levers';
import { hostToWebviewSchema, persistedSchema, ViewState, WebviewToHost } from './protocol';
import { PanelView } from './render';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let state: ViewState | undefined;
/** Highest seq seen or sent; `pending` is the last seq sent that the host has not yet answered. */
let counter = 0;
let pending = 0;
let pendingAt = 0;

const post = (m: WebviewToHost): void => vscode.postMessage(m);
const persist = (): void => {
  if (state) vscode.setState({ state, sentSeq: counter });
};

const view = new PanelView(document.getElementById('app')!, {
  levers: () => state?.levers as LeverSettings,
  setLevers: (levers) => {
    if (!state) return;
    counter += 1;
    pending = counter;
    pendingAt = Date.now();
    state = { ...state, levers };
    persist();
    post({ type: 'setLevers', seq: counter, levers });
  },
  post,
});

function show(next: ViewState): void {
  counter = Math.max(counter, next.seq);
  // an answer to an older change while a newer one is on its way (unless the host never answers it)
  if (pending > 0 && next.seq < pending && Date.now() - pendingAt < 2000) return;
  pending = 0;
  state = next;
  persist();
  view.render(next);
}

const saved = persistedSchema.safeParse(vscode.getState());
if (saved.success) {
  counter = saved.data.sentSeq;
  state = saved.data.state;
  view.render(state);
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = hostToWebviewSchema.safeParse(event.data);
  if (!parsed.success) {
    console.warn('Prompt Cost panel: ignored an invalid message', parsed.error.issues.slice(0, 3));
    return;
  }
  const msg = parsed.data;
  if (msg.type === 'state') show(msg.state);
  else view.notice(msg.text);
});

post({ type: 'ready' });
