import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules, createScanner } from '/work/main/packages/core/dist/index.js';
import { KeywordIndex } from '/work/main/packages/core/dist/keyword-index.js';
const files=[];let total=0;
(function walk(d){ if(total>60e6)return; for(const e of readdirSync(d,{withFileTypes:true})){const p=join(d,e.name); if(e.isDirectory())walk(p); else if(/\.(c?m?js|ts|json|md)$/.test(e.name)){const b=readFileSync(p);files.push(b.toString('utf8'));total+=b.length;} if(total>60e6)return;}})('/work/main/node_modules/.pnpm');
const kws=[...new Set(rules.filter(r=>!r.publicByDesign).flatMap(r=>r.keywords)), 'keyguard-ignore'];
const idx=new KeywordIndex(kws); const sc = createScanner();
const best = {};
function t(l,f){const s=performance.now();const r=f();const ms=performance.now()-s;best[l]=Math.min(best[l]??1e9,ms);return r;}
for (let k=0;k<8;k++){
 t('keyword pass',()=>{let h=0;for(const f of files)idx.scan(f,()=>{h++});return h;});
 t('scanner.scan',()=>{let h=0;for(const f of files)h+=sc.scan(f,'x.js').findings.length;return h;});
}
for (const [l,ms] of Object.entries(best)) console.log(l.padEnd(16), ms.toFixed(0),'ms', (total/1e6/(ms/1000)).toFixed(0),'MB/s');
