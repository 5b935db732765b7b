import { describe, expect, it } from 'vitest';
import { createScanner } from '@keyguard/core';
import { ALNUM, realBody, seedOf } from '@keyguard/core/testing';

const body = (n: number, seed: number): string => realBody(ALNUM, n, seedOf('kubernetes-secret-manifest', seed));
const b64 = (s: string): string => Buffer.from(s).toString('base64');
const ids = (text: string, path = 'k8s/secret.yaml'): string[] =>
  createScanner()
    .scan(text, path)
    .findings.map((f) => `${f.ruleId}:${f.line}`);

describe('kubernetes-secret-manifest', () => {
  it('judges every data: entry of a Secret by its decoded value, whatever the entry is called', () => {
    const text = ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: app', 'data:', '  # base64', `  username: ${b64('deploy')}`, `  key: ${b64(body(40, 1))}`, `  host: ${b64('db.internal')}`, ''].join('\n');
    expect(ids(text)).toEqual(['kubernetes-secret-manifest:8']);
  });

  it('reads the entry in its own document of a multi-document file, and in kubectl order (data before kind)', () => {
    const secret = ['apiVersion: v1', 'data:', `  key: ${b64(body(40, 2))}`, 'kind: Secret', 'metadata:', '  name: a'].join('\n');
    const configMap = ['apiVersion: v1', 'kind: ConfigMap', 'data:', `  key: ${b64(body(40, 3))}`].join('\n');
    expect(ids(`${configMap}\n---\n${secret}\n`)).toEqual(['kubernetes-secret-manifest:8']);
    expect(ids(`${secret}\n---\n${configMap}\n`)).toEqual(['kubernetes-secret-manifest:3']);
  });

  it('leaves templated, placeholder and trivial values alone', () => {
    const text = ['kind: Secret', 'data:', '  password: {{ .Values.password | b64enc }}', `  token: ${b64('your-token-here')}`, 'stringData:', '  MYSQL_PASSWORD: mysql', '  API_KEY: ${API_KEY}', ''].join('\n');
    expect(ids(text)).toEqual([]);
  });
});
