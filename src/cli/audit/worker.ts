// A worker thread of the audit: reads and detects the files it is sent, answers with ScanResults (the text of a file
// travels back only when the file has prompts).
import { parentPort } from 'node:worker_threads';
import type { ScanReply, ScanRequest } from './pool';
import { scanFile, ScanResult } from './scan';

parentPort?.on('message', (msg: ScanRequest) => {
  const results: ScanResult[] = [];
  for (const f of msg.files) results.push(scanFile(f.abs, f.rel, msg.maxBytes));
  parentPort?.postMessage({ id: msg.id, results } satisfies ScanReply);
});
