import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '/work/main/packages/core/dist/index.js';
import { KeywordIndex } from '/work/main/packages/core/dist/keyword-index.js';
const files=[];let total=0;
(function walk(d){ if(total>40e6)return; for(const e of readdirSync(d,{withFileTypes:true})){const p=join(d,e.name); if(e.isDirectory())walk(p); else if(/\.(c?m?js|ts|json)$/.test(e.name)){const b=readFileSync(p);files.push(b.toString('utf8'));total+=b.length;} if(total>40e6)return;}})('/work/main/node_modules/.pnpm');
const kws=[...new Set(rules.filter(r=>!r.publicByDesign).flatMap(r=>r.keywords))];
function t(l,f){f();let b=1e9;let r;for(let i=0;i<7;i++){const s=performance.now();r=f();b=Math.min(b,performance.now()-s);}console.log(l.padEnd(24),b.toFixed(0),'ms',(total/1e6/(b/1000)).toFixed(0),'MB/s',r);}
const idx=new KeywordIndex(kws);
const d = idx.delta, classOf = idx.classOf;
const big = new Uint8Array(65536); big.set(classOf);
function a1(f){let s=0,h=0;for(let i=0,n=f.length;i<n;i++){const c=f.charCodeAt(i);s=d[s+(c<128?classOf[c]:0)];if(s<0){s=-s;h++;}}return h;}
function a2(f){let s=0,h=0;for(let i=0,n=f.length;i<n;i++){s=d[s+big[f.charCodeAt(i)]];if(s<0){s=-s;h++;}}return h;}
function a3(f){let s=0,h=0;for(let i=0,n=f.length;i<n;i++){const c=f.charCodeAt(i);s=d[s+(classOf[c&127]&-(c<128))];if(s<0){s=-s;h++;}}return h;}
for (let k=0;k<2;k++){
t('branch',()=>{let h=0;for(const f of files)h+=a1(f);return h;});
t('64k table',()=>{let h=0;for(const f of files)h+=a2(f);return h;});
t('mask',()=>{let h=0;for(const f of files)h+=a3(f);return h;});
}
