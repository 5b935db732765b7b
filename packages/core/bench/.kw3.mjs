import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules, createScanner } from '/work/main/packages/core/dist/index.js';
import { KeywordIndex } from '/work/main/packages/core/dist/keyword-index.js';
const files=[];let total=0;
(function walk(d){ if(total>40e6)return; for(const e of readdirSync(d,{withFileTypes:true})){const p=join(d,e.name); if(e.isDirectory())walk(p); else if(/\.(c?m?js|ts|json)$/.test(e.name)){const b=readFileSync(p);files.push(b.toString('utf8'));total+=b.length;} if(total>40e6)return;}})('/work/main/node_modules/.pnpm');
const kws=[...new Set(rules.filter(r=>!r.publicByDesign).flatMap(r=>r.keywords))];
function t(l,f){f();let b=1e9;let r;for(let i=0;i<5;i++){const s=performance.now();r=f();b=Math.min(b,performance.now()-s);}console.log(l.padEnd(24),b.toFixed(0),'ms',(total/1e6/(b/1000)).toFixed(0),'MB/s',r);}
const idx=new KeywordIndex(kws);
t('KeywordIndex.scan',()=>{let h=0;for(const f of files)idx.scan(f,()=>{h++});return h;});
const sc=createScanner();
t('scanner.scan',()=>{let h=0;for(const f of files)h+=sc.scan(f,'a.js').findings.length;return h;});
const d = idx.delta, classOf = idx.classOf;
function acStr(f){let s=0,h=0;for(let i=0,n=f.length;i<n;i++){const c=f.charCodeAt(i);s=d[s+(c<128?classOf[c]:0)];if(s<0){s=-s;h++;}}return h;}
t('standalone same tables',()=>{let h=0;for(const f of files)h+=acStr(f);return h;});
t('KeywordIndex.scan again',()=>{let h=0;for(const f of files)idx.scan(f,()=>{h++});return h;});
{
const classOf2=new Uint8Array(256);let classes=1;for(const k of kws)for(const ch of k){const c=ch.charCodeAt(0);if(!classOf2[c])classOf2[c]=classes++;}for(let c=65;c<=90;c++)classOf2[c]=classOf2[c|32];
const rows=[new Int32Array(classes).fill(-1)];const out=[[]];kws.forEach((k,id)=>{let s=0;for(const ch of k){const c=classOf2[ch.charCodeAt(0)];if(rows[s][c]===-1){rows[s][c]=rows.length;rows.push(new Int32Array(classes).fill(-1));out.push([]);}s=rows[s][c];}out[s].push(id);});
const n=rows.length;const nx=new Int32Array(n*classes);const fail=new Int32Array(n);const q=[];for(let c=1;c<classes;c++){const x=rows[0][c];nx[c]=x>0?x:0;if(x>0)q.push(x);}
for(let h=0;h<q.length;h++){const s=q[h];const f=fail[s];if(out[f].length)out[s]=[...out[s],...out[f]];for(let c=1;c<classes;c++){const x=rows[s][c];if(x>0){fail[x]=nx[f*classes+c];nx[s*classes+c]=x;q.push(x);}else nx[s*classes+c]=nx[f*classes+c];}}
const d2=new Int32Array(n*classes);for(let i=0;i<nx.length;i++){const x=nx[i];d2[i]=out[x].length?-(x*classes):x*classes;}
console.log('classes', classes, idx.classes, 'states', n, idx.delta.length/idx.classes);
function ac2(f){let s=0,h=0;for(let i=0,n=f.length;i<n;i++){const c=f.charCodeAt(i);s=d2[s+(c<128?classOf2[c]:0)];if(s<0){s=-s;h++;}}return h;}
t('kw2 tables',()=>{let h=0;for(const f of files)h+=ac2(f);return h;});
let diff=0; for (let c=0;c<128;c++) if (classOf2[c]!==idx.classOf[c]) diff++; console.log('classOf diffs', diff);
}
