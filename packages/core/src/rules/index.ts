import type { Rule } from '../types.js';
import { aiRules } from './ai.js';
import { awsRules } from './aws.js';
import { cloudRules } from './cloud.js';
import { commandLineRules } from './command-line.js';
import { cryptoRules } from './crypto.js';
import { deframeRules } from './deframe.js';
import { genericRules } from './generic.js';
import { githubRules } from './github.js';
import { gitlabRules } from './gitlab.js';
import { googleRules } from './google.js';
import { httpRules } from './http.js';
import { jwtRules } from './jwt.js';
import { kubernetesRules } from './kubernetes.js';
import { privateKeyRules } from './private-keys.js';
import { saasRules } from './saas.js';
import { serviceRules } from './services.js';
import { slackRules } from './slack.js';
import { stripeRules } from './stripe.js';
import { urlRules } from './urls.js';

/**
 * The catalog. Provider shapes first; when findings overlap, the rule with the lowest
 * `priority` wins (context rules 10, URLs 8–9, headers 7, Deframe 3–4, generic 20).
 */
export const rules: readonly Rule[] = [
  ...githubRules,
  ...gitlabRules,
  ...awsRules,
  ...googleRules,
  ...cloudRules,
  ...stripeRules,
  ...slackRules,
  ...aiRules,
  ...saasRules,
  ...serviceRules,
  ...cryptoRules,
  ...jwtRules,
  ...privateKeyRules,
  ...urlRules,
  ...httpRules,
  ...commandLineRules,
  ...kubernetesRules,
  ...deframeRules,
  ...genericRules,
];
