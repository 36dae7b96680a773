import { z } from 'zod';
import { SETTING_SCOPES, settingsShape, settingsSchema } from './schema';

export const SETTINGS_SECTION = 'promptCostLens';

type Json = Record<string, unknown>;

/** Drops JSON-Schema keys VS Code's settings editor does not need. */
function clean(schema: Json): Json {
  const { $schema: _s, ...rest } = schema;
  return rest;
}

/** `contributes.configuration` for package.json, generated from the zod schema (scripts/gen-config.mjs writes it). */
export function configurationContribution(): Json {
  const properties: Json = {};
  let order = 0;
  for (const [key, field] of Object.entries(settingsShape)) {
    const js = clean(z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Json);
    const description = field.description ?? '';
    properties[`${SETTINGS_SECTION}.${key}`] = {
      ...js,
      description,
      default: field.parse(undefined),
      scope: SETTING_SCOPES[key as keyof typeof settingsShape] ?? 'resource',
      order: order++,
    };
  }
  return { title: 'Prompt Cost Lens', properties };
}

/** JSON schema of `.promptcost.json` (for `contributes.jsonValidation`). */
export function configFileJsonSchema(): Json {
  const js = clean(z.toJSONSchema(settingsSchema, { io: 'input', unrepresentable: 'any' }) as Json);
  const props = (js.properties ?? {}) as Json;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Prompt Cost Lens workspace config (.promptcost.json)',
    ...js,
    properties: { $schema: { type: 'string' }, ...props },
    required: [],
    additionalProperties: false,
  };
}
