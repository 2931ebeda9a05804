/**
 * What the server checks of a dashboard. The model belongs to the UI (see
 * docs/ui.md); the server enforces only the skeleton it relies on (a title,
 * rows of panels with queries, variables, a time range) and leaves the rest
 * of each object open so the UI can grow the model without a server change.
 */
export const dashboardSchema = {
  type: 'object',
  required: ['title'],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    time: {
      type: 'object',
      required: ['from', 'to'],
      properties: { from: { type: 'string' }, to: { type: 'string' } },
    },
    refresh: { type: 'string' },
    variables: {
      type: 'array',
      items: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 }, query: { type: 'string' } } },
    },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          title: { type: 'string' },
          panels: {
            type: 'array',
            items: {
              type: 'object',
              required: ['type'],
              properties: {
                type: { type: 'string', minLength: 1 },
                title: { type: 'string' },
                targets: { type: 'array', items: { type: 'object', properties: { expr: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
    version: { type: 'integer', minimum: 0 },
  },
} as const;
