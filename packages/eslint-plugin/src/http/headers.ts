import type { TSESTree } from '@typescript-eslint/utils';
import { staticKey, staticString } from '../ast/static-string.js';
import { constInitializer } from '../ast/const-initializer.js';

/** Headers that carry a credential, lower-case. */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'x-api-key',
  'api-key',
  'x-api-token',
  'x-auth-token',
  'x-access-token',
  'authorization',
  'proxy-authorization',
  // vendors' own key headers
  'apikey', // Supabase, Kong, many gateways
  'x-rapidapi-key',
  'x-goog-api-key',
  'ocp-apim-subscription-key', // Azure API Management, Azure AI services
  'x-functions-key', // Azure Functions
  'x-algolia-api-key',
  'x-figma-token',
  'x-shopify-access-token',
  'x-pinata-api-key',
  'x-pinata-secret-api-key',
  'x-cg-pro-api-key', // CoinGecko
  'x-cmc_pro_api_key', // CoinMarketCap
  'xi-api-key', // ElevenLabs
]);

/** A word every name in CREDENTIAL_HEADERS holds (the rule's test checks it): a file without one writes no such header. */
export const CREDENTIAL_HEADER_WORDS = /authori[sz]ation|key|token/i;

/**
 * Headers whose name alone says "API key", so no surrounding `headers` object is needed. Not
 * `api-key`: it is also the slug of the "API key" auth type in UI code (`{ 'api-key': 'API key' }`
 * in hoppscotch's auth menus), so it counts inside a headers object only.
 */
const UNMISTAKABLE_HEADERS: ReadonlySet<string> = new Set(
  [...CREDENTIAL_HEADERS].filter((name) => /-.*(key|token)$/.test(name) && !['x-auth-token', 'x-access-token', 'api-key'].includes(name)),
);

const HEADER_SETTERS: ReadonlySet<string> = new Set(['set', 'append', 'setRequestHeader', 'setHeader', 'header']);

export interface HeaderWrite {
  /** Lower-case header name. */
  header: string;
  value: TSESTree.Node;
  /** Where to report: the key, the call or the assignment. */
  node: TSESTree.Node;
}

/**
 * A credential header being set, in the shapes fetch, Headers, XMLHttpRequest, axios, ky,
 * got and superagent accept:
 * `{ headers: { 'x-api-key': v } }`, `new Headers([['x-api-key', v]])`,
 * `headers.set('x-api-key', v)`, `xhr.setRequestHeader(...)`,
 * `axios.defaults.headers.common['x-api-key'] = v`.
 */
export function headerWrite(node: TSESTree.Node): HeaderWrite | undefined {
  switch (node.type) {
    case 'Property': {
      if (node.parent.type !== 'ObjectExpression' || node.kind !== 'init') return undefined;
      const header = credentialHeader(staticKey(node) ?? (node.computed ? constantString(node.key) : undefined));
      if (header === undefined) return undefined;
      if (!UNMISTAKABLE_HEADERS.has(header) && !isHeadersObject(node.parent)) return undefined;
      return { header, value: node.value, node: node.key };
    }
    case 'CallExpression': {
      const callee = node.callee;
      if (callee.type !== 'MemberExpression' || node.arguments.length < 2) return undefined;
      const method = staticKey(callee);
      if (method === undefined || !HEADER_SETTERS.has(method)) return undefined;
      const [first, second] = node.arguments;
      if (first === undefined || second === undefined) return undefined;
      const header = credentialHeader(staticString(first) ?? constantString(first));
      return header === undefined ? undefined : { header, value: second, node: first };
    }
    case 'AssignmentExpression': {
      if (node.operator !== '=' || node.left.type !== 'MemberExpression') return undefined;
      const header = credentialHeader(staticKey(node.left) ?? (node.left.computed ? constantString(node.left.property) : undefined));
      if (header === undefined) return undefined;
      if (!UNMISTAKABLE_HEADERS.has(header) && !mentionsHeaders(node.left.object)) return undefined;
      return { header, value: node.right, node: node.left.property };
    }
    case 'ArrayExpression': {
      if (node.elements.length !== 2 || node.parent.type !== 'ArrayExpression') return undefined;
      const [first, second] = node.elements;
      if (first == null || second == null || first.type === 'SpreadElement' || second.type === 'SpreadElement') return undefined;
      const header = credentialHeader(staticString(first));
      if (header === undefined) return undefined;
      if (!UNMISTAKABLE_HEADERS.has(header) && !isHeadersConstruction(node.parent.parent)) return undefined;
      return { header, value: second, node: first };
    }
    default:
      return undefined;
  }
}

/** The header a value is given to, when `value` is the value of a header write. */
export function headerOfValue(value: TSESTree.Node): string | undefined {
  const parent = value.parent;
  if (parent == null) return undefined;
  const write = headerWrite(parent);
  return write !== undefined && write.value === value ? write.header : undefined;
}

/**
 * A header name held in a constant: `const KEY_HEADER = 'x-api-key'` declared in the same
 * file, in this block or an enclosing one (`{ [KEY_HEADER]: key }`, `headers.set(KEY_HEADER, key)`).
 */
function constantString(node: TSESTree.Node): string | undefined {
  const init = constInitializer(node);
  return init === undefined ? undefined : staticString(init);
}

function credentialHeader(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const lower = name.toLowerCase();
  return CREDENTIAL_HEADERS.has(lower) ? lower : undefined;
}

/** `{ headers: {...} }`, `defaults.headers = {...}`, `new Headers({...})`, `{ common: {...} }`. */
function isHeadersObject(object: TSESTree.ObjectExpression): boolean {
  const parent = object.parent;
  if (parent.type === 'Property' && parent.value === object) {
    const key = staticKey(parent);
    return key !== undefined && /^(headers|common|get|post|put|patch|delete)$/i.test(key);
  }
  if (parent.type === 'AssignmentExpression' && parent.right === object) return mentionsHeaders(parent.left);
  return isHeadersConstruction(parent);
}

function isHeadersConstruction(node: TSESTree.Node | undefined): boolean {
  return node?.type === 'NewExpression' && node.callee.type === 'Identifier' && node.callee.name === 'Headers';
}

/** `x.headers`, `axios.defaults.headers.common`, `init.headers['...']`. */
function mentionsHeaders(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node = node; current.type === 'MemberExpression'; current = current.object) {
    const key = staticKey(current);
    if (key !== undefined && /^headers$/i.test(key)) return true;
    if (current.object.type === 'Identifier' && /headers$/i.test(current.object.name)) return true;
  }
  return node.type === 'Identifier' && /headers$/i.test(node.name);
}
