/** Every route of the workflow API, with a valid request for each, for the access and OpenAPI tests. */
export interface RouteCase {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** As in the OpenAPI document, under /api/v1/companies/{company}. */
  readonly template: string;
  /** A concrete path (query included) under /api/v1/companies/<company>. */
  readonly path: string;
  readonly body?: unknown;
  /** Writes need the workflow-admin role. */
  readonly write: boolean;
  /** Has a JSON request body. */
  readonly hasBody?: boolean;
  /** Has querystring parameters. */
  readonly hasQuery?: boolean;
}

const file = {
  format: 'werkstroom.workflows',
  version: 1,
  categories: [],
  workflows: [{ code: 'IMPORTED', description: 'Imported', category: '', steps: [] }],
};

export const ROUTES: readonly RouteCase[] = [
  { method: 'GET', template: '/workflows', path: '/workflows?enabled=true', write: false, hasQuery: true },
  { method: 'GET', template: '/workflows/{code}', path: '/workflows/WS-POAPW-01', write: false },
  {
    method: 'POST',
    template: '/workflows',
    path: '/workflows',
    body: { code: 'ACCESS-1', description: 'Access' },
    write: true,
    hasBody: true,
  },
  {
    method: 'PUT',
    template: '/workflows/{code}',
    path: '/workflows/WS-POAPW',
    body: { description: 'Changed' },
    write: true,
    hasBody: true,
  },
  { method: 'DELETE', template: '/workflows/{code}', path: '/workflows/WS-POAPW', write: true },
  { method: 'POST', template: '/workflows/{code}/validate', path: '/workflows/WS-POAPW-01/validate', write: false },
  { method: 'POST', template: '/workflows/{code}/enable', path: '/workflows/WS-POAPW/enable', write: true },
  {
    method: 'POST',
    template: '/workflows/{code}/disable',
    path: '/workflows/WS-POAPW-01/disable?withParents=true',
    write: true,
    hasQuery: true,
  },
  {
    method: 'POST',
    template: '/workflows/{code}/copy',
    path: '/workflows/WS-POAPW-01/copy',
    body: {},
    write: true,
    hasBody: true,
  },
  {
    method: 'POST',
    template: '/templates/{code}/copy',
    path: '/templates/WS-POAPW/copy',
    body: {},
    write: true,
    hasBody: true,
  },
  { method: 'GET', template: '/workflows/{code}/export', path: '/workflows/WS-POAPW-01/export', write: false },
  {
    method: 'GET',
    template: '/workflows/export',
    path: '/workflows/export?codes=WS-POAPW-01',
    write: false,
    hasQuery: true,
  },
  { method: 'POST', template: '/workflows/import', path: '/workflows/import', body: file, write: true, hasBody: true },
  { method: 'GET', template: '/workflow-categories', path: '/workflow-categories', write: false },
  {
    method: 'PUT',
    template: '/workflow-categories/{code}',
    path: '/workflow-categories/ACCESS',
    body: { description: 'Access' },
    write: true,
    hasBody: true,
  },
  { method: 'GET', template: '/templates', path: '/templates', write: false },
  { method: 'GET', template: '/catalogue/events', path: '/catalogue/events', write: false, hasQuery: true },
  { method: 'GET', template: '/catalogue/responses', path: '/catalogue/responses', write: false, hasQuery: true },
  { method: 'GET', template: '/catalogue/tables', path: '/catalogue/tables', write: false },
  { method: 'GET', template: '/workflow-instances', path: '/workflow-instances', write: false, hasQuery: true },
  {
    method: 'GET',
    template: '/workflow-instances/archive',
    path: '/workflow-instances/archive',
    write: false,
    hasQuery: true,
  },
  { method: 'GET', template: '/workflow-instances/{id}', path: '/workflow-instances/none', write: false },
];
