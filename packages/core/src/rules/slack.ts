import type { Rule } from '../types.js';
import { ALNUM, HEX, UPPER_ALNUM, fakeBody, join, providerRule, digits } from './define.js';

const fix = 'Revoke the token in the Slack app settings and read it from the environment.';

export const slackRules: Rule[] = [
  providerRule({
    id: 'slack-bot-token',
    description: 'Slack bot token',
    prefix: 'xoxb-',
    // and the legacy two-part shape, `xoxb-<8-14 digits>-<18-26>` (gitleaks' slack-legacy-bot-token)
    body: '(?:[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34}|[0-9]{8,14}-[A-Za-z0-9]{18,26})',
    fix,
    sample: (s) => join('xo', 'xb-', digits(12, s), '-', digits(13, s + 1), '-', fakeBody(ALNUM, 24, s)),
    positives: (seed) => [`SLACK_BOT_TOKEN=${join('xo', 'xb-', digits(11, seed()), '-', fakeBody(ALNUM, 24, seed()))}\n`],
  }),
  providerRule({
    id: 'slack-user-token',
    description: 'Slack user token',
    prefix: 'xox',
    // xoxp-, and xoxe- with the same four parts: the user token of an app with token rotation, as
    // Slack puts it in a file's url_private (`?t=xoxe-…`)
    body: '[pe]-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32}',
    prefixKeyword: false,
    keywords: ['xoxp-', 'xoxe-'],
    fix,
    sample: (s) => join('xo', 'xp-', digits(12, s), '-', digits(12, s + 2), '-', digits(13, s + 3), '-', fakeBody(HEX, 32, s)),
    positives: (seed) => [
      `"url_private": "https:\\/\\/files.slack.com\\/files-pri\\/T0${fakeBody(UPPER_ALNUM, 8, seed())}-F0${fakeBody(UPPER_ALNUM, 8, seed())}\\/image.png?t=${join('xo', 'xe-', digits(13, seed()), '-', digits(13, seed()), '-', digits(13, seed()), '-', fakeBody(HEX, 32, seed()))}"\n`,
    ],
  }),
  providerRule({
    id: 'slack-app-token',
    description: 'Slack app-level token',
    prefix: 'xapp-',
    body: '[0-9]-[A-Z0-9]{9,11}-[0-9]{10,13}-[a-f0-9]{64}',
    fix,
    sample: (s) => join('xa', 'pp-1-', fakeBody(UPPER_ALNUM, 11, s), '-', digits(13, s + 4), '-', fakeBody(HEX, 64, s + 1)),
  }),
  providerRule({
    id: 'slack-config-token',
    description: 'Slack configuration token',
    prefix: 'xoxe.xox',
    body: '[bp]-[0-9]-[A-Za-z0-9]{160,170}',
    fix,
    sample: (s) => join('xo', 'xe.xoxp-1-', fakeBody(ALNUM, 163, s)),
  }),
  providerRule({
    id: 'slack-legacy-token',
    description: 'Slack legacy token',
    prefix: 'xox',
    // and four parts with short numbers, as xoxp legacy tokens have (`xoxs-523423-234243-234233-<hex>`)
    body: '[aors]-(?:[0-9]{10,13}-[A-Za-z0-9-]{10,72}|[0-9]{1,13}-[0-9]{1,13}-[0-9]{1,13}-[A-Za-z0-9]{16,64})',
    keywords: ['xoxa-', 'xoxo-', 'xoxr-', 'xoxs-'],
    fix,
    sample: (s) => join('xo', 'xs-', digits(12, s + 5), '-', fakeBody(ALNUM, 32, s)),
    positives: (seed) => [`token = "${join('xo', 'xs-', digits(6, seed()), '-', digits(6, seed()), '-', digits(6, seed()), '-', fakeBody(HEX, 18, seed()))}"\n`],
  }),
  providerRule({
    id: 'slack-webhook-url',
    description: 'Slack incoming webhook URL',
    prefix: 'hooks.slack.com/',
    body: '(?:services|workflows|triggers)/[A-Za-z0-9+/]{40,60}',
    fix: 'Regenerate the webhook URL in Slack and keep it in the environment.',
    sample: (s) => join('https://hooks.', 'slack.com/services/T', fakeBody(UPPER_ALNUM, 10, s), '/B', fakeBody(UPPER_ALNUM, 10, s + 1), '/', fakeBody(ALNUM, 24, s + 2)),
    // a path too short to hold the webhook's secret part
    nearMiss: (s) => join('https://hooks.', 'slack.com/services/T', fakeBody(UPPER_ALNUM, 10, s), '/B', fakeBody(UPPER_ALNUM, 10, s + 1)),
  }),
];
