/** Part of `buildProgram` (main.ts): `generate`: a synthetic estate. */
import { type Command, Option } from 'commander';
import type { LazyAction } from './lazyAction.js';

/** `generate`: a synthetic estate. */
export function declareGenerateCommand(program: Command, action: LazyAction): void {
  program
    .command('generate')
    .description('write a synthetic estate, deterministic from --seed')
    .addOption(new Option('--preset <preset>', 'size').choices(['small', 'region', 'state']).default('small'))
    .option('--seed <n>', 'random seed', '1')
    .option('--scale <factor>', 'multiply the preset\'s counts')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'yaml']).default('json'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(action(() => import('../commands/generate.js')));
}
