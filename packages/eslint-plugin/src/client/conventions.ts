import type { FrameworkId } from './frameworks.js';
import type { Verdict } from './verdict.js';

/**
 * Layer 3: file-name conventions that mean the same thing in every framework that has
 * them (`*.server.*` in Remix, SvelteKit, Nuxt and Angular; `*.client.*` likewise), and
 * tooling config files, which run in Node.
 */
export function nameVerdict(relativePath: string): Verdict | undefined {
  // One cheap test first: most files have none of these names.
  if (!NAME_HINT.test(relativePath)) return undefined;
  const base = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  if (/\.server\.[cm]?[jt]sx?$/.test(base) || /\.server\.(svelte|vue)$/.test(base)) {
    return { side: 'server', reason: 'its name ends in .server' };
  }
  if (/\.client\.[cm]?[jt]sx?$/.test(base) || /\.client\.(svelte|vue)$/.test(base)) {
    return { side: 'client', reason: 'its name ends in .client' };
  }
  if (/\.config\.[cm]?[jt]s$/.test(base)) return { side: 'server', reason: 'it is a tooling config file' };
  if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(base) || /(^|\/)__tests__\//.test(relativePath)) {
    return { side: 'server', reason: 'test files run in Node' };
  }
  if (/(^|\/)lib\/server\//.test(relativePath)) {
    return { side: 'server', reason: 'it is in a lib/server folder' };
  }
  return undefined;
}

const NAME_HINT = /\.(server|client|config|test|spec)\.|lib\/server\/|__tests__\//;

type Convention = (relativePath: string) => Verdict | undefined;

/**
 * Vue single-file components and Svelte components are UI: the bundler compiles them into the
 * browser bundle (server rendering runs them too, then hydrates them in the browser). Asked after
 * the markers, the user's globs, the names above and the framework's server folders, so a
 * `*.server.vue` (Nuxt server component), Nuxt's `server/` and SvelteKit's `$lib/server` stay
 * server code. Not in Astro, where a component ships JavaScript only with a `client:` directive on
 * its use (islands are opt-in there: `clientFiles`).
 */
export function componentVerdict(relativePath: string, framework: FrameworkId | undefined): Verdict | undefined {
  if (framework === 'astro') return undefined;
  if (relativePath.endsWith('.vue')) return client('a Vue single-file component ships to the browser');
  if (relativePath.endsWith('.svelte')) return client('a Svelte component ships to the browser');
  return undefined;
}

const SCRIPT = String.raw`[cm]?[jt]sx?`;

function client(reason: string): Verdict {
  return { side: 'client', reason };
}
function server(reason: string): Verdict {
  return { side: 'server', reason };
}

const next: Convention = (file) => {
  if (new RegExp(String.raw`^(src/)?(middleware|proxy|instrumentation)\.${SCRIPT}$`).test(file)) {
    return server('Next.js runs middleware, proxy and instrumentation on the server');
  }
  if (/^(src\/)?pages\/api\//.test(file)) return server('Next.js pages/api routes run on the server');
  if (new RegExp(String.raw`^(src/)?pages/_document\.${SCRIPT}$`).test(file)) {
    return server('Next.js renders pages/_document on the server only');
  }
  if (/^(src\/)?pages\//.test(file)) return client('Next.js pages/ components ship to the browser');
  if (/^(src\/)?app\//.test(file)) {
    if (new RegExp(String.raw`(^|/)route\.${SCRIPT}$`).test(file)) return server('Next.js route handlers run on the server');
    // The app router renders every file on the server unless it (or a file importing it)
    // says 'use client'; the marker layer has already looked for that.
    return server("Next.js app/ files are server components unless they say 'use client'");
  }
  return undefined;
};

const remix: Convention = (file) => {
  if (/^app\/entry\.server\./.test(file)) return server('Remix / React Router renders entry.server on the server');
  if (/^app\/(routes\/|root\.|entry\.client\.|components\/)/.test(file)) {
    return client('Remix / React Router bundles route modules and components for the browser (loaders and actions excepted)');
  }
  // Other app/ modules (utils, models, lib) ship only if client code imports them: the
  // entry layer follows the routes' component imports.
  return undefined;
};

const sveltekit: Convention = (file) => {
  if (/^src\/lib\/server\//.test(file)) return server('SvelteKit keeps $lib/server on the server');
  if (new RegExp(String.raw`(^|/)\+server\.${SCRIPT}$`).test(file)) return server('SvelteKit +server endpoints run on the server');
  if (/^src\/hooks\.server\./.test(file)) return server('SvelteKit server hooks run on the server');
  if (/^src\/(routes|lib|params)\//.test(file) || /^src\/hooks\.(client|universal)\./.test(file)) {
    return client('SvelteKit universal code (+page, +layout, $lib) runs in the browser too');
  }
  return undefined;
};

const nuxt: Convention = (file) => {
  if (/^(server)\//.test(file)) return server('Nuxt server/ runs on the server');
  // server components (Nuxt component islands): rendered on the server, their code never ships
  if (/^(app\/)?components\/islands\//.test(file)) return server('Nuxt renders components/islands on the server only');
  if (/^(app\/)?(pages|components|composables|layouts|plugins|middleware|utils|stores)\//.test(file) || /^(app\/)?app\.vue$/.test(file)) {
    return client('Nuxt universal code runs in the browser too');
  }
  return undefined;
};

const astro: Convention = (file) => {
  if (/^src\/(pages|actions)\//.test(file) || new RegExp(String.raw`^src/middleware(/|\.${SCRIPT}$)`).test(file)) {
    return server('Astro pages, endpoints, actions and middleware run on the server');
  }
  return undefined;
};

const gatsby: Convention = (file) => {
  if (new RegExp(String.raw`^gatsby-(node|config|ssr)\.${SCRIPT}$`).test(file)) return server('Gatsby runs gatsby-node/config/ssr in Node');
  if (new RegExp(String.raw`^gatsby-browser\.${SCRIPT}$`).test(file)) return client('gatsby-browser runs in the browser');
  if (/^src\/api\//.test(file)) return server('Gatsby Functions in src/api run on the server');
  if (/^src\//.test(file)) return client('Gatsby bundles src/ for the browser');
  return undefined;
};

const expo: Convention = (file) => {
  if (new RegExp(String.raw`(\+api|(^|/)\+middleware)\.${SCRIPT}$`).test(file)) return server('Expo Router runs +api routes and +middleware on the server');
  if (new RegExp(String.raw`(^|/)\+html\.${SCRIPT}$`).test(file)) return server('Expo Router renders +html only when exporting, in Node');
  if (/^(src\/)?app\//.test(file)) return client('Expo Router screens and layouts are in the app bundle that ships to the device');
  // Other modules ship only if a screen imports them: the entry layer follows the imports.
  return undefined;
};

const angular: Convention = (file) => {
  if (/^src\/environments\//.test(file)) return client('Angular environment files are compiled into the browser bundle');
  if (new RegExp(String.raw`^server\.${SCRIPT}$`).test(file)) return server('the Angular SSR server entry runs in Node');
  if (/^src\/(app|main\.)/.test(file)) return client('Angular src/app is compiled for the browser');
  return undefined;
};

const bundledSrc = (name: string): Convention => (file) =>
  /^src\//.test(file) ? client(`${name} bundles src/ for the browser`) : undefined;

/** Layer 4: the path conventions of the framework named by the nearest package.json. */
export const FRAMEWORK_CONVENTIONS: Record<FrameworkId, Convention> = {
  next,
  remix,
  sveltekit,
  nuxt,
  astro,
  gatsby,
  expo,
  'react-native': expo,
  angular,
  'create-react-app': bundledSrc('Create React App'),
  'vue-cli': bundledSrc('Vue CLI'),
  // What index.html loads, found by the entry layer: a package that only builds or tests
  // with Vite has no index.html, and its src/ is not browser code.
  vite: () => undefined,
};
