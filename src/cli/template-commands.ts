import type { Command } from 'commander';
import { WORKFLOW_TEMPLATES } from '../templates/catalogue.ts';
import type { CliContext } from './database-options.ts';
import { action, formatTable, writeJson, writeLine } from './output.ts';

/** What `templates list` shows of a template: no steps, no database. */
export interface TemplateSummary {
  readonly code: string;
  readonly description: string;
  readonly category: string;
}

/** The catalogue in its own order, optionally narrowed to one category (case-insensitive). */
export function templateSummaries(category?: string): TemplateSummary[] {
  const only = category?.trim().toUpperCase();
  return WORKFLOW_TEMPLATES.filter((t) => only === undefined || t.category === only).map((t) => ({
    code: t.code,
    description: t.description,
    category: t.category,
  }));
}

export function addTemplateCommands(program: Command, cli: CliContext): void {
  const { io } = cli;
  const templates = program.command('templates').description('the standard workflow templates');

  templates
    .command('list')
    .description('list the templates of the catalogue: code, description and category')
    .option('--category <code>', 'only templates of this category')
    .option('--json', 'print a JSON array of {code, description, category} instead of a table')
    .action(
      action(io, async (options: { category?: string; json?: boolean }) => {
        const list = templateSummaries(options.category);
        if (options.json) return writeJson(io.stdout, list);
        if (list.length === 0) return writeLine(io.stdout, 'No templates.');
        const rows = list.map((t) => [t.code, t.description, t.category]);
        io.stdout.write(formatTable(['CODE', 'DESCRIPTION', 'CATEGORY'], rows));
      }),
    );
}
