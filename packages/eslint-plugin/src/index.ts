const plugin = {
  meta: { name: '@keyguard/eslint-plugin', version: '0.1.0', namespace: 'keyguard' },
  rules: {},
  configs: {},
};
export default plugin;
