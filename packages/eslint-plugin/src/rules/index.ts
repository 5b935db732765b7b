import noApiKeyHeaderInClient from './no-api-key-header-in-client.js';
import noApiKeyInUrl from './no-api-key-in-url.js';
import noHardcodedApiKey from './no-hardcoded-api-key.js';
import noPublicSecretEnv from './no-public-secret-env.js';
import noSecretEnvInClient from './no-secret-env-in-client.js';

export const rules = {
  'no-api-key-header-in-client': noApiKeyHeaderInClient,
  'no-api-key-in-url': noApiKeyInUrl,
  'no-hardcoded-api-key': noHardcodedApiKey,
  'no-public-secret-env': noPublicSecretEnv,
  'no-secret-env-in-client': noSecretEnvInClient,
};

export type RuleName = keyof typeof rules;
