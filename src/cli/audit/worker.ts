// A worker thread of the audit: reads and detects the files it is sent, answers with ScanResults.
import { parentPort } from 'node:worker_threads';
import { scanFile } from './scan';

parentPort?.on('message', (msg: { id: number; files: { abs: string; rel: string }[] }) => {
  const results = [];
  for (const f of msg.files) results.push(scanFile(f.abs, f.rel));
  parentPort?.postMessage({ id: msg.id, results });
});
