import type { TSESTree } from '@typescript-eslint/utils';
import { isPublicByDesignName } from '@keyguard/core';
import { clientVerdictAt, fileEnvironment } from '../client/environment.js';
import { isInServerOnlyCode } from '../client/server-only-code.js';
import { createRule } from '../create-rule.js';
import { upperSnake } from '../env/env-var-name.js';
import { CREDENTIAL_HEADER_WORDS, headerWrite } from '../http/headers.js';

type AuthorizationMode = 'app-credentials' | 'always' | 'never';
type Options = [{ authorization?: AuthorizationMode }];
type MessageIds = 'apiKeyHeaderInClient' | 'authorizationInClient';

/** Headers that often carry the signed-in user's own token, so only app credentials count. */
const USER_CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'x-auth-token', 'x-access-token']);
/** A header several vendors use for keys that are public by design (Supabase `apikey: anonKey`). */
const SHARED_KEY_HEADERS: ReadonlySet<string> = new Set(['apikey']);
const AUTH_SCHEMES = /^\s*(bearer|basic|token|apikey|api-key|digest)\s*$/i;
const KEY_LIKE_NAME = /(api_?key|apikey|secret|private_?key|client_?secret|access_?key|service_?role)/i;

export default createRule<Options, MessageIds>({
  name: 'no-api-key-header-in-client',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow setting the `x-api-key` header or app credentials in client-side code',
      recommended: true,
      strict: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          authorization: {
            type: 'string',
            enum: ['app-credentials', 'always', 'never'],
            description:
              "When to flag the Authorization (and x-auth-token / x-access-token) header: 'app-credentials' (a literal, an env var or a key-named variable — not a signed-in user's token), 'always', or 'never'.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ authorization: 'app-credentials' }],
    messages: {
      apiKeyHeaderInClient:
        "The `{{header}}` header is set in client-side code ({{why}}). Any key sent from the browser can be read by every visitor. Move this request behind a server route that adds the header from a server-side environment variable.",
      authorizationInClient:
        'The `{{header}}` header carries an app credential in client-side code ({{why}}). Move this request behind a server route that adds the credential from a server-side environment variable.',
    },
  },
  create(context, [{ authorization = 'app-credentials' }]) {
    // Every credential header's name holds one of these words, so a file without them writes
    // none (unless it spells the name with escapes or splits a word across a `+`). Where the
    // file runs is decided at the first header write: most files have none.
    if (!CREDENTIAL_HEADER_WORDS.test(context.sourceCode.text)) return {};
    const environment = fileEnvironment(context);

    function check(node: TSESTree.Node): void {
      const write = headerWrite(node);
      if (write === undefined) return;
      const client = clientVerdictAt(environment, node, context.filename);
      if (client === undefined) return;
      const why = client.reason;
      if (isInServerOnlyCode(node, environment.framework?.id, client.clientBindings)) return;
      if (USER_CREDENTIAL_HEADERS.has(write.header)) {
        if (authorization === 'never') return;
        if (authorization === 'app-credentials' && !carriesAppCredential(write.value)) return;
        context.report({ node: write.node, messageId: 'authorizationInClient', data: { header: write.header, why } });
        return;
      }
      if (SHARED_KEY_HEADERS.has(write.header) ? !carriesAppCredential(write.value) : namesPublicKey(write.value)) return;
      context.report({ node: write.node, messageId: 'apiKeyHeaderInClient', data: { header: write.header, why } });
    }

    return {
      Property: check,
      CallExpression: check,
      AssignmentExpression: check,
      'ArrayExpression > ArrayExpression': check,
    };
  },
});

/**
 * A credential the app holds (as opposed to the signed-in user's session token): a
 * literal beyond the scheme word, an env var, or a variable named like a key.
 */
function carriesAppCredential(value: TSESTree.Node): boolean {
  switch (value.type) {
    case 'Literal':
      return typeof value.value === 'string' && value.value.trim() !== '' && !AUTH_SCHEMES.test(value.value);
    case 'TemplateLiteral':
      return value.quasis.some((quasi) => (quasi.value.cooked ?? '').trim() !== '' && !AUTH_SCHEMES.test(quasi.value.cooked ?? '')) ||
        value.expressions.some(carriesAppCredential);
    case 'BinaryExpression':
      return carriesAppCredential(value.left) || carriesAppCredential(value.right);
    case 'LogicalExpression':
      return carriesAppCredential(value.left) || carriesAppCredential(value.right);
    case 'Identifier':
      return KEY_LIKE_NAME.test(value.name) && !isPublicByDesignName(upperSnake(value.name));
    case 'MemberExpression': {
      const name = !value.computed && value.property.type === 'Identifier' ? value.property.name : undefined;
      if (name !== undefined && isPublicByDesignName(upperSnake(name))) return false;
      return isEnvObject(value.object) || (name !== undefined && KEY_LIKE_NAME.test(name));
    }
    case 'TSAsExpression':
    case 'TSNonNullExpression':
      return carriesAppCredential(value.expression);
    default:
      return false;
  }
}

/** A variable or env read named like a key that is public by design (`SUPABASE_ANON_KEY`). */
function namesPublicKey(value: TSESTree.Node): boolean {
  const name =
    value.type === 'Identifier' ? value.name : value.type === 'MemberExpression' && !value.computed && value.property.type === 'Identifier' ? value.property.name : undefined;
  return name !== undefined && isPublicByDesignName(upperSnake(name));
}

function isEnvObject(node: TSESTree.Node): boolean {
  if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier' || node.property.name !== 'env') return false;
  return (node.object.type === 'Identifier' && node.object.name === 'process') || node.object.type === 'MetaProperty';
}
