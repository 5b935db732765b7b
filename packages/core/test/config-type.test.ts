import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { describe, expect, it } from 'vitest';
import { configSchema, defaultConfig } from '@keyguard/core';

const GENERATED = '../src/config-type.generated.ts';

/**
 * The schema of a config after validation: the schema users write against, where every option
 * that has a default (`defaultConfig`) is always set, and `$schema` is dropped.
 */
function validatedSchema(): JSONSchema {
  const schema = JSON.parse(JSON.stringify(configSchema)) as JSONSchema & { properties: Record<string, JSONSchema> };
  delete schema.$schema;
  delete schema.$id;
  delete schema.properties.$schema;
  schema.title = 'KeyguardConfig';
  schema.description = 'keyguard.config.json / package.json#keyguard after validation: every option with a default is set.';
  const defaults = defaultConfig as unknown as Record<string, unknown>;
  schema.required = Object.keys(schema.properties).filter((key) => key in defaults);
  for (const [key, property] of Object.entries(schema.properties)) {
    const nested = defaults[key];
    if (property.properties && nested && typeof nested === 'object') property.required = Object.keys(property.properties).filter((k) => k in nested);
  }
  (schema.properties.customRules!.items as JSONSchema).title = 'CustomRuleConfig';
  return schema;
}

export async function generatedConfigType(schema: JSONSchema = validatedSchema()): Promise<string> {
  return compile(schema, 'KeyguardConfig', {
    bannerComment: [
      '/* Generated from the JSON schema (config-schema.ts) by json-schema-to-typescript: do not edit.',
      ' * After a schema change: npx vitest run packages/core/test/config-type.test.ts -u */',
    ].join('\n'),
    additionalProperties: false,
    style: { singleQuote: true, printWidth: 120 },
  });
}

describe('the KeyguardConfig type', () => {
  it('is generated from the JSON schema (fails when the checked-in file drifts from it)', async () => {
    await expect(await generatedConfigType()).toMatchFileSnapshot(GENERATED);
  });

  it('would change with the schema: an option added to the schema is a new field', async () => {
    const schema = validatedSchema() as JSONSchema & { properties: Record<string, JSONSchema> };
    schema.properties.newOption = { type: 'boolean', description: 'A new option.' };
    expect(await generatedConfigType(schema)).toMatch(/newOption\?: boolean/);
  });
});
