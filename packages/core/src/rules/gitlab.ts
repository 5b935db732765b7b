import type { Rule } from '../types.js';
import { prefixed } from './define.js';

const fix = 'Revoke the token in GitLab and load it from a CI/CD variable or the environment.';

export const gitlabRules: Rule[] = [
  prefixed('gitlab-pat', 'GitLab personal access token', 'glpat-', 'BASE64URL', [20, 80], fix),
  prefixed('gitlab-pipeline-trigger-token', 'GitLab pipeline trigger token', 'glptt-', 'HEX', 40, fix),
  prefixed('gitlab-runner-token', 'GitLab runner authentication token', 'glrt-', 'BASE64URL', [20, 80], fix),
  prefixed('gitlab-deploy-token', 'GitLab deploy token', 'gldt-', 'BASE64URL', [20, 80], fix),
  prefixed('gitlab-feed-token', 'GitLab feed token', 'glft-', 'BASE64URL', [20, 80], fix),
  prefixed('gitlab-oauth-secret', 'GitLab OAuth application secret', 'gloas-', 'BASE64URL', 64, fix),
  prefixed('gitlab-scim-token', 'GitLab SCIM token', 'glsoat-', 'BASE64URL', [20, 80], fix),
  prefixed('gitlab-incoming-mail-token', 'GitLab incoming mail token', 'glimt-', 'BASE64URL', [25, 80], fix),
  prefixed('gitlab-agent-token', 'GitLab agent for Kubernetes token', 'glagent-', 'BASE64URL', [50, 100], fix),
  prefixed('gitlab-feature-flags-token', 'GitLab feature flags client token', 'glffct-', 'BASE64URL', [20, 80], fix),
  prefixed('gitlab-runner-registration-token', 'GitLab runner registration token', 'GR1348941', 'BASE64URL', [20, 80], fix),
];
