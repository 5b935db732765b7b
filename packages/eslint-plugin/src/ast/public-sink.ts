import type { TSESTree } from '@typescript-eslint/utils';
import { isAnalyticsWriteKeyName, isDocSearchMember } from '@keyguard/core';
import { staticKey } from './static-string.js';

/**
 * Whether an env read (`process.env.NEXT_PUBLIC_ALGOLIA_KEY`, or its name's node) is given to a
 * member that only takes a key public by design, judged by core's own tests so the CLI and the
 * plugin agree: the `apiKey` of a DocSearch block (`<DocSearch appId indexName apiKey={…} />`,
 * `algolia={{ appId, apiKey: …, mainIndexName }}`), or an analytics source's `writeKey`
 * (`<AnalyticsProvider writeKey={process.env.NEXT_PUBLIC_SEGMENT_API_KEY}>`). Seen in real
 * apps: Auth.js's and Medusa's docs sites, 11 of 24 findings in one round.
 */
export function givenToPublicSink(read: TSESTree.Node, envName: string, path: string, text: string): boolean {
  const member = memberOf(read);
  if (member === undefined) return false;
  if (isAnalyticsWriteKeyName(`${member.key} ${envName}`)) return true;
  return isDocSearchMember({ ...member, path, text });
}

interface Member {
  key: string;
  members: string[];
  opener: string;
}

/** The member a value is given to, with the names beside it and what holds them; through `!`, `||`, `??`, `as`, `a ? b : c`. */
function memberOf(read: TSESTree.Node): Member | undefined {
  let node: TSESTree.Node = read.parent?.type === 'MemberExpression' && read.parent.property === read ? read.parent : read;
  for (;;) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (parent === undefined) return undefined;
    const passesThrough =
      parent.type === 'TSAsExpression' ||
      parent.type === 'TSSatisfiesExpression' ||
      parent.type === 'TSNonNullExpression' ||
      parent.type === 'ChainExpression' ||
      parent.type === 'LogicalExpression' ||
      (parent.type === 'ConditionalExpression' && parent.test !== node) ||
      parent.type === 'JSXExpressionContainer';
    if (!passesThrough) break;
    node = parent;
  }
  const parent = node.parent;
  if (parent?.type === 'Property' && parent.value === node && parent.parent.type === 'ObjectExpression') {
    const key = staticKey(parent);
    if (key === undefined) return undefined;
    const members = parent.parent.properties.flatMap((property) => (property.type === 'Property' ? [staticKey(property) ?? ''] : []));
    return { key, members, opener: holderName(parent.parent) };
  }
  if (parent?.type === 'JSXAttribute' && parent.name.type === 'JSXIdentifier' && parent.parent.type === 'JSXOpeningElement') {
    const members = parent.parent.attributes.flatMap((attribute) => (attribute.type === 'JSXAttribute' && attribute.name.type === 'JSXIdentifier' ? [attribute.name.name] : []));
    return { key: parent.name.name, members, opener: elementName(parent.parent.name) };
  }
  return undefined;
}

/** The name an object is given to: a key (`algolia: {…}`), a variable, a JSX attribute (`algolia={{…}}`) or a call (`docsearch({…})`). */
function holderName(object: TSESTree.ObjectExpression): string {
  let node: TSESTree.Node = object;
  while (node.parent?.type === 'JSXExpressionContainer' || node.parent?.type === 'TSAsExpression' || node.parent?.type === 'TSSatisfiesExpression') node = node.parent;
  const parent = node.parent;
  if (parent === undefined) return '';
  if (parent.type === 'Property') return staticKey(parent) ?? '';
  if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent.type === 'JSXAttribute' && parent.name.type === 'JSXIdentifier') return parent.name.name;
  if (parent.type === 'CallExpression') {
    const callee = parent.callee;
    if (callee.type === 'Identifier') return callee.name;
    if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') return callee.property.name;
  }
  return '';
}

function elementName(name: TSESTree.JSXTagNameExpression): string {
  if (name.type === 'JSXIdentifier') return name.name;
  if (name.type === 'JSXMemberExpression') return `${elementName(name.object)}.${name.property.name}`;
  return name.name.name;
}
