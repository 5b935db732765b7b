import type { TSESTree } from '@typescript-eslint/utils';
import { isAnalyticsWriteKeyName, isDocSearchMember } from '@keyguard/core';
import { staticKey } from './static-string.js';
import { valueTarget } from './value-target.js';

/**
 * Whether an env read (`process.env.NEXT_PUBLIC_ALGOLIA_KEY`, or its name's node) is given to a
 * member that only takes a key public by design, judged by core's own tests so the CLI and the
 * plugin agree: the `apiKey` of a DocSearch block (`<DocSearch appId indexName apiKey={…} />`,
 * `algolia={{ appId, apiKey: …, mainIndexName }}`), or an analytics source's `writeKey`
 * (`<AnalyticsProvider writeKey={process.env.NEXT_PUBLIC_SEGMENT_API_KEY}>`). Seen in real
 * apps: Auth.js's and Medusa's docs sites (11 findings of round 7, docs/decisions.md).
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

/** The member a read is given to (valueTarget's holder), with the names beside it and what holds them. */
function memberOf(read: TSESTree.Node): Member | undefined {
  const from = read.parent?.type === 'MemberExpression' && read.parent.property === read ? read.parent : read;
  const { name: key, holder } = valueTarget(from, { read: true });
  if (key === undefined) return undefined;
  if (holder?.type === 'Property' && holder.parent.type === 'ObjectExpression') {
    const members = holder.parent.properties.flatMap((property) => (property.type === 'Property' ? [staticKey(property) ?? ''] : []));
    return { key, members, opener: holderName(holder.parent) };
  }
  if (holder?.type === 'JSXAttribute' && holder.parent.type === 'JSXOpeningElement') {
    const members = holder.parent.attributes.flatMap((attribute) => (attribute.type === 'JSXAttribute' && attribute.name.type === 'JSXIdentifier' ? [attribute.name.name] : []));
    return { key, members, opener: elementName(holder.parent.name) };
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
