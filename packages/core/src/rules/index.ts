import type { Rule } from '../types.js';
import { awsRules } from './aws.js';
import { deframeRules } from './deframe.js';
import { genericRules } from './generic.js';
import { githubRules } from './github.js';
import { stripeRules } from './stripe.js';

/** The catalog, most specific first; generic rules last. */
export const rules: readonly Rule[] = [...githubRules, ...awsRules, ...stripeRules, ...deframeRules, ...genericRules];
