/** The CLI's version, printed by --version and written into SARIF. Keep in step with package.json. */
export const version = '0.1.0';
