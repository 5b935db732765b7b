import type { TSESTree } from '@typescript-eslint/utils';
import { staticKey, staticString } from '../ast/static-string.js';
import { createRule } from '../create-rule.js';
import { stringList } from '../schema.js';

type Options = [{ parameters?: string[] }];
type MessageIds = 'keyInQueryString';

const DEFAULT_PARAMETERS = ['api_key', 'apikey', 'api-key', 'x-api-key', 'access_key', 'secret_key', 'client_secret', 'app_secret', 'private_key'];

export default createRule<Options, MessageIds>({
  name: 'no-api-key-in-url',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow sending an API key in a URL query string instead of a header',
      recommended: false,
      strict: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          parameters: stringList('Query parameter names (case-insensitive) that carry a key.'),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ parameters: DEFAULT_PARAMETERS }],
    messages: {
      keyInQueryString:
        'The `{{parameter}}` query parameter puts a key in the URL, and URLs end up in server logs, proxies, browser history and Referer headers. Send the key in the `x-api-key` header, from server-side code.',
    },
  },
  create(context, [{ parameters = DEFAULT_PARAMETERS }]) {
    const names = new Set(parameters.map((name) => name.toLowerCase()));
    const { sourceCode } = context;
    const inString = new RegExp(String.raw`[?&](${parameters.map(escapeRegExp).join('|')})=`, 'gi');

    /** Reports each `?name=` in the raw source text of a string or template part. */
    function checkRaw(node: TSESTree.Literal | TSESTree.TemplateElement): void {
      const [start, end] = node.range;
      const raw = sourceCode.text.slice(start, end);
      if (!raw.includes('=')) return;
      for (const match of raw.matchAll(inString)) {
        const offset = start + match.index + 1;
        const parameter = match[1] ?? '';
        context.report({
          loc: { start: sourceCode.getLocFromIndex(offset), end: sourceCode.getLocFromIndex(offset + parameter.length) },
          messageId: 'keyInQueryString',
          data: { parameter },
        });
      }
    }

    function reportKey(node: TSESTree.Node, parameter: string): void {
      context.report({ node, messageId: 'keyInQueryString', data: { parameter } });
    }

    return {
      Literal(node) {
        if (typeof node.value === 'string') checkRaw(node);
      },
      TemplateElement: checkRaw,
      // url.searchParams.set('api_key', key)
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || node.arguments.length < 2) return;
        const method = staticKey(callee);
        if (method !== 'set' && method !== 'append') return;
        const receiver = callee.object;
        const receiverName = receiver.type === 'MemberExpression' ? staticKey(receiver) : receiver.type === 'Identifier' ? receiver.name : undefined;
        if (receiverName === undefined || !/(searchparams|params|query)$/i.test(receiverName)) return;
        const first = node.arguments[0];
        const parameter = first !== undefined ? staticString(first) : undefined;
        if (parameter !== undefined && names.has(parameter.toLowerCase())) reportKey(first as TSESTree.Node, parameter);
      },
      // new URLSearchParams({ api_key: key }), axios / ky / got `params` / `searchParams`
      Property(node) {
        const parameter = staticKey(node);
        if (parameter === undefined || !names.has(parameter.toLowerCase())) return;
        const object = node.parent;
        if (object.type !== 'ObjectExpression') return;
        const holder = object.parent;
        const isQueryObject =
          (holder.type === 'NewExpression' && holder.callee.type === 'Identifier' && holder.callee.name === 'URLSearchParams') ||
          (holder.type === 'Property' && holder.value === object && /^(params|searchParams|query)$/.test(staticKey(holder) ?? ''));
        if (isQueryObject) reportKey(node.key, parameter);
      },
    };
  },
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
