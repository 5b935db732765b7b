import { describe, expect, it } from 'vitest';
import { directiveOf, importSpecifiers } from '../src/client/client-boundary.js';

describe('reading a module without parsing it', () => {
  it('finds the directive after comments and blank lines, not later in the file', () => {
    expect(directiveOf("// header\n/* licence */\n\n'use client';\nexport {}")).toBe('use client');
    expect(directiveOf('"use server"\n')).toBe('use server');
    expect(directiveOf("import a from 'a';\n'use client';")).toBeUndefined();
  });

  it('lists runtime imports, re-exports, dynamic imports and requires, but not type-only imports', () => {
    const text = [
      "import { a } from './a';",
      "import b, {\n  c,\n} from '../b.js';",
      "import './side-effect';",
      "export * from './reexport';",
      "export { d } from '@/d';",
      "const e = await import('./lazy');",
      "const f = require('./cjs');",
      "import type { T } from './types';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['./a', '../b.js', './side-effect', './reexport', '@/d', './lazy', './cjs']);
  });
});
