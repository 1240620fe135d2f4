import { describe, expect, it } from 'vitest';
import { WORKFLOW_TEMPLATES } from '../../src/templates/catalogue.ts';
import { cli } from './cli-harness.ts';

const catalogue = WORKFLOW_TEMPLATES.map((t) => ({ code: t.code, description: t.description, category: t.category }));

describe('werkstroom templates list', () => {
  it('prints a JSON array of {code, description, category} with --json: every template of the catalogue, in its order', async () => {
    const result = await cli(['templates', 'list', '--json']);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    const listed = JSON.parse(result.stdout) as unknown[];
    expect(listed).toEqual(catalogue);
    expect(listed).toEqual(
      expect.arrayContaining([
        { code: 'WS-POAPW', description: 'Purchase order approval', category: 'PURCHDOC' },
        { code: 'WS-VENDAPW', description: 'Vendor approval', category: 'PURCH' },
        expect.objectContaining({ code: 'WS-OVERDUE' }),
      ]),
    );
  });

  it('prints an aligned table with a header and one line per template, without a database', async () => {
    const result = await cli(['templates', 'list'], { env: {} });
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines.at(-1)).toBe('');
    const [header, ...rows] = lines.slice(0, -1);
    expect(header).toMatch(/^CODE +DESCRIPTION +CATEGORY$/);
    expect(rows).toHaveLength(WORKFLOW_TEMPLATES.length);
    // The columns start where the header's do, on every line.
    const descriptionAt = header?.indexOf('DESCRIPTION') ?? -1;
    const categoryAt = header?.indexOf('CATEGORY') ?? -1;
    WORKFLOW_TEMPLATES.forEach((template, i) => {
      const row = rows[i] ?? '';
      expect(row.slice(0, descriptionAt).trimEnd()).toBe(template.code);
      expect(row.slice(descriptionAt, categoryAt).trimEnd()).toBe(template.description);
      expect(row.slice(categoryAt)).toBe(template.category);
    });
    expect(rows.find((row) => row.startsWith('WS-POAPW '))).toMatch(/^WS-POAPW +Purchase order approval +PURCHDOC$/);
  });

  it('narrows the list to one category with --category (any case)', async () => {
    const result = await cli(['templates', 'list', '--category', 'purchdoc', '--json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(catalogue.filter((t) => t.category === 'PURCHDOC'));
    const none = await cli(['templates', 'list', '--category', 'NOPE']);
    expect(none).toEqual({ exitCode: 0, stdout: 'No templates.\n', stderr: '' });
  });

  it('is listed in the help of the command line', async () => {
    const help = await cli(['templates', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('list [options]');
  });
});
