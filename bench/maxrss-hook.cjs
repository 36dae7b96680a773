// Preloaded into a benchmarked process: writes its peak resident memory (KiB, all threads) to $PCL_MAXRSS_FILE at exit.
process.on('exit', () => {
  if (process.env.PCL_MAXRSS_FILE) require('node:fs').writeFileSync(process.env.PCL_MAXRSS_FILE, String(process.resourceUsage().maxRSS));
});
