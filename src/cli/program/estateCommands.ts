/** Part of `buildProgram` (main.ts): the commands that read and write the estate: init, import (and import netbox), export, show, history, diff, changeset. */
import { Command, Option } from 'commander';
import type { LazyAction } from './lazyAction.js';
import { changeSetStatuses } from '../../timeline/changeSet.js';

/** The commands that read and write the estate: init, import (and import netbox), export, show, history, diff, changeset. */
export function declareEstateCommands(program: Command, action: LazyAction): void {
  program.command('init').description('create (or migrate) the database').action(action(() => import('../commands/init.js')));

  program
    .command('import')
    .description('import estate files (YAML, JSON, CSV; a file or a folder) or a raw network (GraphML, SNDlib) as one transaction')
    .argument('<path>', 'file or folder')
    .addOption(new Option('--format <format>', 'input format (default: from the extension; .graphml is GraphML; SNDlib needs --format sndlib)').choices(['yaml', 'json', 'csv', 'graphml', 'sndlib']))
    .option('--kind <kind>', 'kind of the objects of a CSV file (default: from its name)')
    .addOption(new Option('--csv-locale <locale>', "numbers in CSV cells: de (';' separator, 1.234,5 — German Excel), en (',' separator, 1,234.5); default: the separator from the header, and ambiguous cells refused").choices(['de', 'en', 'auto']))
    .option('--effective <date>', 'effective date of the top-level objects (default: the file\'s initial.effective)')
    .option('--changeset <id>', 'id of the change set the top-level objects form')
    .action(action(() => import('../commands/import.js')));

  // `import netbox` is a subcommand: commander dispatches on the first word (a folder named
  // "netbox" is imported as ./netbox).
  program.commands
    .find((c) => c.name() === 'import')!
    .command('netbox')
    .description('pull NetBox (live, or recorded files with --from) and write what changed as one change set (docs/netbox.md)')
    .option('--url <url>', 'base URL of the NetBox, e.g. https://netbox.example')
    .option('--token-file <file>', 'file holding the NetBox API token (never printed or stored)')
    .option('--from <dir>', 'read recorded API answers from a folder instead (one <app>.<model>.json[.gz] per endpoint, status.json)')
    .option('--map <file>', 'mapping file: tenant and site types, roles, applications and usages (default: netbox-map.yaml in --from DIR if there)')
    .option('--dry-run', 'print the difference and write nothing')
    .action(action(() => import('../commands/importNetbox.js')));

  program
    .command('export')
    .description('write the estate as a file: every change set, or with --at the estate at that date and what follows')
    .addOption(new Option('--format <format>', 'output format').choices(['yaml', 'json']).default('yaml'))
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(action(() => import('../commands/export.js')));

  program
    .command('show')
    .description('list the objects of a kind, or show one object, at --at (and --plan)')
    .argument('<kind>', 'organization, site, risk-group, device, link, application, usage, risk-acceptance (or plural)')
    .argument('[id]', 'one object')
    .action(action(() => import('../commands/show.js')));

  program
    .command('history')
    .description('every version of one object, with change set, author and who recorded it')
    .argument('<id>')
    .action(action(() => import('../commands/history.js')));

  program
    .command('diff')
    .description('what changed between two dates')
    .requiredOption('--from <date>', 'start date')
    .option('--to <date>', 'end date (default: now)')
    .action(action(() => import('../commands/diff.js')));

  const changeset = program.command('changeset').description('change sets of the timeline');
  changeset
    .command('list')
    .description('every change set, in timeline order')
    .action(action(() => import('../commands/changesetList.js')));
  changeset
    .command('add')
    .description('add the change sets (and plans) of a file, as one transaction')
    .argument('<file>')
    .action(action(() => import('../commands/changesetAdd.js')));
  changeset
    .command('status')
    .description('change the status of a change set (proposed → scheduled → done, or cancelled)')
    .argument('<id>')
    .addArgument(new Command().createArgument('<status>', 'new status').choices(changeSetStatuses))
    .action(action(() => import('../commands/changesetStatus.js')));
}
