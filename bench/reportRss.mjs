// Preloaded by bench/yaml.bench.ts into the CLI process: its peak memory, on stderr at exit.
process.on('exit', () => process.stderr.write(`\nbench-maxrss-kib ${process.resourceUsage().maxRSS}\n`));
