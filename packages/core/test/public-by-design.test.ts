/**
 * Keys that are public by design, decided from their surrounding text: an Algolia DocSearch
 * block's search-only key ships to browsers on purpose; an admin or write key never does.
 */
import { describe, expect, it } from 'vitest';
import { createScanner, isPublicByDesignName } from '@keyguard/core';
import { ALNUM, HEX, random, reported } from './sampling.js';

const scanner = createScanner();
// assembled at run time: 32 random hex characters, Algolia's key shape, that core reports in a
// plain `adminKey = '…'` (a few random values read as words or filler to its heuristics)
const algoliaKey = (): string => reported((key) => `const adminKey = '${key}';\n`, () => random(32, HEX), 'a.ts');
const withPublic = createScanner({ config: { includePublicKeys: true } });
const rulesOf = (text: string, path: string, s = scanner): string[] => s.scan(text, path).findings.map((finding) => finding.ruleId);

const docusaurus = (name = 'apiKey', key = algoliaKey()) =>
  [
    'export default {',
    '  themeConfig: {',
    '    navbar: { title: "Docs" },',
    '    algolia: {',
    '      appId: "8FEAOD28DI",',
    `      ${name}: "${key}",`,
    '      indexName: "excalidraw",',
    '      contextualSearch: true,',
    '      searchParameters: { facetFilters: ["lang:en"] },',
    '    },',
    '  },',
    '};',
  ].join('\n');

describe('Algolia DocSearch search-only keys', () => {
  it('are public by design in a docs-site config, a VitePress search block and a docsearch() call', () => {
    expect(rulesOf(docusaurus(), 'dev-docs/docusaurus.config.js')).toEqual([]);
    const vitepress = `export default defineConfig({\n  themeConfig: {\n    search: {\n      provider: 'algolia',\n      options: { appId: 'BH4D9OD16A', apiKey: '${algoliaKey()}', indexName: 'vitepress' },\n    },\n  },\n});\n`;
    expect(rulesOf(vitepress, 'docs/.vitepress/config.ts')).toEqual([]);
    const call = `import docsearch from '@docsearch/js';\ndocsearch({\n  container: '#search',\n  appId: 'R2IYF7ETH7',\n  searchApiKey: '${algoliaKey()}',\n  indexName: 'docs',\n});\n`;
    expect(rulesOf(call, 'src/search.ts')).toEqual([]);
  });

  it('are reported, as public keys, with includePublicKeys', () => {
    expect(rulesOf(docusaurus(), 'docusaurus.config.js', withPublic)).toEqual(['algolia-search-key']);
  });

  it('do not hide admin or write keys: by name, in server code, in a file that writes to an index, or outside a DocSearch block', () => {
    expect(rulesOf(docusaurus('adminKey'), 'docusaurus.config.js')).toEqual(['generic-secret']);
    expect(rulesOf(docusaurus('writeApiKey'), 'docusaurus.config.js')).toEqual(['generic-secret']);
    expect(rulesOf(docusaurus(), 'scripts/algolia.config.js')).toEqual(['generic-secret']);
    expect(rulesOf(docusaurus(), 'src/server/search.ts')).toEqual(['generic-secret']);
    const indexing = `${docusaurus()}\nconst index = client.initIndex('docs');\nawait index.saveObjects(records);\n`;
    expect(rulesOf(indexing, 'docusaurus.config.js')).toEqual(['generic-secret']);
    const plain = `const client = { appId: 'BH4D9OD16A', apiKey: '${algoliaKey()}', indexName: 'docs' };\n`;
    expect(rulesOf(plain, 'src/client.ts')).toEqual(['generic-secret']);
  });
});

describe('analytics project keys', () => {
  const body = (length: number) => random(length, ALNUM);

  it('a PostHog project key (phc_) is public by design; a personal API key (phx_) is not', () => {
    const personal = reported((key) => `private POSTHOG_API_KEY = '${key}';\n`, () => `phx_${body(43)}`, 'src/posthog.service.ts');
    expect(rulesOf(`private POSTHOG_API_KEY = '${['ph', 'c_'].join('')}${body(43)}';\n`, 'src/posthog.service.ts')).toEqual([]);
    expect(rulesOf(`private POSTHOG_API_KEY = '${personal}';\n`, 'src/posthog.service.ts')).toEqual(['generic-secret']);
  });

  it("Jitsu's write key is named public by design (it only adds events, like Segment's); its console API keys are not", () => {
    expect(['JITSU_WRITE_KEY', 'JITSU_KEY', 'JITSU_BROWSER_KEY'].map(isPublicByDesignName)).toEqual([true, true, true]);
    expect(['JITSU_API_KEY', 'JITSU_ADMIN_TOKEN', 'JITSU_CONSOLE_SECRET'].map(isPublicByDesignName)).toEqual([false, false, false]);
  });

  it('Mixpanel project tokens are named public by design', () => {
    expect(['MIXPANEL_KEY', 'MIXPANEL_TOKEN', 'MIXPANEL_PROJECT_TOKEN'].map(isPublicByDesignName)).toEqual([true, true, true]);
  });
});

describe('session recorders', () => {
  it('the project key a session recorder script records under is public by design (Microsoft Clarity, OpenReplay, LogRocket)', () => {
    expect(['SESSION_RECORDER_KEY', 'CLARITY_PROJECT_ID', 'OPENREPLAY_PROJECT_KEY', 'LOGROCKET_APP_ID'].map(isPublicByDesignName)).toEqual([true, true, true, true]);
  });

  it('a recording service API key or secret is not', () => {
    expect(['SESSION_RECORDER_API_SECRET', 'RECORDER_SECRET_KEY', 'LOGROCKET_API_SECRET'].map(isPublicByDesignName)).toEqual([false, false, false]);
  });
});

describe('Stripe', () => {
  it('a plain STRIPE_KEY behind a public prefix is the publishable key; a secret or restricted key is not public', () => {
    expect(['STRIPE_KEY', 'STRIPE_API_KEY', 'STRIPE_PUBLISHABLE_KEY'].map(isPublicByDesignName)).toEqual([true, true, true]);
    expect(['STRIPE_SECRET_KEY', 'STRIPE_KEY_SECRET', 'STRIPE_RESTRICTED_KEY', 'STRIPE_WEBHOOK_SECRET'].map(isPublicByDesignName)).toEqual([false, false, false, false]);
  });
});
