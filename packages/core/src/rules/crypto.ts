import { nodeCrypto } from '../node-crypto.js';
import type { Rule } from '../types.js';
import { bip39English } from '../wordlists/bip39-english.js';
import { ALNUM, HEX, UPPER_ALNUM, assignmentRegex, contextRule, fakeBody, join, memoName, normaliseName, providerRule } from './define.js';

const walletFix = 'Move the wallet key to a hardware wallet, KMS or secret manager; treat it as compromised and move the funds.';
/** Each BIP-39 word's index, built at the first phrase checked (not by every commit's scan, which rarely holds one). */
let wordIndex: Map<string, number> | undefined;

/** Names a wallet key is given to (normalised). */
const WALLET_KEY_NAME = /privatekey|privkey|walletkey|signerkey|deployerkey|ownerkey|accountkey|secretkey|ethkey|evmkey|fromkey|^wallet$|^pk$|^key$|mnemonic/;

/** Whether a list of BIP-39 words carries a valid checksum (the last bits of the last word). */
export function isValidMnemonic(words: readonly string[]): boolean {
  if (![12, 15, 18, 21, 24].includes(words.length)) return false;
  let bits = '';
  for (const word of words) {
    const index = (wordIndex ??= new Map(bip39English.map((word, i) => [word, i]))).get(word);
    if (index === undefined) return false;
    bits += index.toString(2).padStart(11, '0');
  }
  const checksumBits = words.length / 3;
  const entropyBits = bits.slice(0, bits.length - checksumBits);
  const entropy = Buffer.alloc(entropyBits.length / 8);
  for (let i = 0; i < entropy.length; i++) entropy[i] = parseInt(entropyBits.slice(i * 8, i * 8 + 8), 2);
  const hash = nodeCrypto().createHash('sha256').update(entropy).digest();
  const expected = Array.from(hash.subarray(0, 1), (b) => b.toString(2).padStart(8, '0')).join('').slice(0, checksumBits);
  return bits.slice(bits.length - checksumBits) === expected;
}

/** A valid mnemonic built at run time from seeded entropy (for the examples). */
export function sampleMnemonic(wordCount: 12 | 24, seed: number): string {
  const entropy = Buffer.from(fakeBody(HEX, (wordCount * 11 - wordCount / 3) / 4, seed), 'hex');
  const hash = nodeCrypto().createHash('sha256').update(entropy).digest();
  let bits = Array.from(entropy, (b) => b.toString(2).padStart(8, '0')).join('');
  bits += hash[0]!.toString(2).padStart(8, '0').slice(0, wordCount / 3);
  const words: string[] = [];
  for (let i = 0; i < bits.length; i += 11) words.push(bip39English[parseInt(bits.slice(i, i + 11), 2)]!);
  return words.join(' ');
}

export const cryptoRules: Rule[] = [
  {
    id: 'evm-private-key',
    description: 'EVM (Ethereum) wallet private key',
    keywords: ['private', 'priv', 'wallet', 'signer', 'deployer', 'owner', 'eth_', 'evm', 'mnemonic', 'pk', 'from_key'],
    regex: assignmentRegex('(?:0x)?[a-fA-F0-9]{64}', '', '(?![A-Za-z0-9_])'),
    minEntropy: 3,
    severity: 'error',
    priority: 2,
    anchor: 'name',
    nameFilter: memoName((name) => WALLET_KEY_NAME.test(normaliseName(name.split('.').pop()))),
    fix: walletFix,
    validate: (_secret, context) => {
      const name = normaliseName(context.name?.split('.').pop());
      if (!WALLET_KEY_NAME.test(name) || /public|hash|tx|address|id$/.test(name)) return false;
      if (name === 'key' && !/wallet|ethers|web3|viem|signer|private/i.test(context.line)) return false;
      return true;
    },
    examples: (seed) => {
      const key = fakeBody(HEX, 64, seed());
      return {
        positives: [
          `PRIVATE_KEY=0x${key}\n`,
          `const privateKey = '0x${fakeBody(HEX, 64, seed())}';\nconst wallet = new ethers.Wallet(privateKey);\n`,
          `deployerPrivateKey: "${fakeBody(HEX, 64, seed())}"\n`,
          `const wallet = new ethers.Wallet('0x${fakeBody(HEX, 64, seed())}', provider);\n`,
          `const account = privateKeyToAccount("0x${fakeBody(HEX, 64, seed())}");\n`,
          `acct = Account.from_key("0x${fakeBody(HEX, 64, seed())}")\n`,
        ],
        negatives: [`const txHash = '0x${key}';\n`, `const wallet = getWallet('0x${key}');\n`, `const publicKey = '0x${key}';\n`, `PRIVATE_KEY=0x${'0'.repeat(64)}\n`],
      };
    },
  },
  {
    id: 'bip39-seed-phrase',
    description: 'BIP-39 wallet seed phrase',
    keywords: ['mnemonic', 'seed', 'phrase', 'recovery', 'wallet', 'secret', 'words'],
    regex: /(?:["'`]|=[ \t]?|:[ \t])((?:[a-z]{3,8} ){11,23}[a-z]{3,8})(?! ?[a-z])/,
    window: { before: 300, after: 600, multiline: true },
    severity: 'error',
    fix: walletFix,
    validate: (secret) => {
      const words = secret.split(' ');
      if (new Set(words).size < words.length / 2) return false; // the famous all-"abandon" test vector and friends
      return isValidMnemonic(words);
    },
    examples: (seed) => ({
      positives: [
        `MNEMONIC="${sampleMnemonic(12, seed())}"\n`,
        `const seedPhrase = '${sampleMnemonic(24, seed())}';\n`,
        `wallet:\n  mnemonic: ${sampleMnemonic(12, seed())}\n`,
      ],
      negatives: [
        `MNEMONIC="${['abandon', 'abandon', 'abandon', 'abandon', 'abandon', 'abandon', 'abandon', 'abandon', 'abandon', 'abandon', 'abandon', 'about'].join(' ')}"\n`,
        `const recoveryHint = 'write the words down and keep them in a safe place away from prying eyes';\n`,
        `const seedPhrase = 'zzzz ${sampleMnemonic(12, seed()).split(' ').slice(1).join(' ')}';\n`,
      ],
    }),
  },
  providerRule({
    id: 'infura-project-url',
    description: 'Infura project key in an RPC URL',
    prefix: '',
    body: 'https://[a-z0-9-]{3,40}\\.infura\\.io/(?:v3|ws/v3)/[a-f0-9]{32}',
    keywords: ['infura.io/'],
    minEntropy: 3,
    fix: 'Keep RPC URLs with keys in server-side environment variables, and restrict the key to allowed origins.',
    sample: (s) => join('https://mainnet.', 'infura.io/v3/', fakeBody(HEX, 32, s)),
  }),
  providerRule({
    id: 'alchemy-rpc-url',
    description: 'Alchemy API key in an RPC URL',
    prefix: '',
    body: 'https://[a-z0-9-]{3,40}\\.g\\.alchemy\\.com/v2/[A-Za-z0-9_-]{32}',
    keywords: ['alchemy.com/v2/'],
    fix: 'Keep RPC URLs with keys in server-side environment variables, and restrict the key to allowed origins.',
    sample: (s) => join('https://eth-mainnet.g.', 'alchemy.com/v2/', fakeBody(ALNUM, 32, s)),
  }),
  contextRule({
    id: 'infura-api-key',
    description: 'Infura API key or secret',
    keywords: ['infura'],
    name: /infura.*(?:key|secret|id)/,
    value: '[a-f0-9]{32}',
    fix: 'Keep the key in a server-side environment variable.',
    exampleName: 'infuraApiKey',
    sample: (s) => fakeBody(HEX, 32, s),
  }),
  contextRule({
    id: 'alchemy-api-key',
    description: 'Alchemy API key',
    keywords: ['alchemy'],
    name: /alchemy.*(?:key|secret|token)/,
    value: '[A-Za-z0-9_-]{32}',
    fix: 'Keep the key in a server-side environment variable.',
    exampleName: 'alchemyApiKey',
    sample: (s) => fakeBody(ALNUM, 32, s),
  }),
  contextRule({
    id: 'etherscan-api-key',
    description: 'Etherscan API key',
    keywords: ['etherscan', 'bscscan', 'polygonscan', 'arbiscan'],
    name: /(?:etherscan|bscscan|polygonscan|arbiscan).*key/,
    value: '[A-Z0-9]{34}',
    fix: 'Keep the key in a server-side environment variable.',
    exampleName: 'etherscanApiKey',
    sample: (s) => fakeBody(UPPER_ALNUM, 34, s),
  }),
];

