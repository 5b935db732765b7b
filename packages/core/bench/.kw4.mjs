import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '/work/main/packages/core/dist/index.js';
const files=[];let total=0;
(function walk(d){ if(total>40e6)return; for(const e of readdirSync(d,{withFileTypes:true})){const p=join(d,e.name); if(e.isDirectory())walk(p); else if(/\.(c?m?js|ts|json)$/.test(e.name)){const b=readFileSync(p);files.push(b.toString('utf8'));total+=b.length;} if(total>40e6)return;}})('/work/main/node_modules/.pnpm');
function t(l,f){f();let b=1e9;let r;for(let i=0;i<5;i++){const s=performance.now();r=f();b=Math.min(b,performance.now()-s);}console.log(l.padEnd(24),b.toFixed(0),'ms',(total/1e6/(b/1000)).toFixed(0),'MB/s',r);}
const lower = files.map(f=>f.toLowerCase());
const esc=k=>k.replace(/[.*+?^${}()|[\]\\/-]/g,'\\$&');
const kws=[...new Set(rules.filter(r=>!r.publicByDesign).flatMap(r=>r.keywords))];
for (const [label, list] of [['5 generic', ['key','secret','token','passw','auth']], ['20', kws.slice(0,20)], ['all', kws]]) {
  const re = new RegExp(list.map(esc).join('|'), 'g');
  t('regex '+label, ()=>{let h=0;for(const f of lower){re.lastIndex=0;while(re.exec(f))h++;}return h;});
  const rei = new RegExp(list.map(esc).join('|'), 'gi');
  t('regex/i orig '+label, ()=>{let h=0;for(const f of files){rei.lastIndex=0;while(rei.exec(f))h++;}return h;});
}
t('indexOf key', ()=>{let h=0;for(const f of lower){let i=-1;while((i=f.indexOf('key',i+1))!==-1)h++;}return h;});
t('indexOf ghp_', ()=>{let h=0;for(const f of lower){let i=-1;while((i=f.indexOf('ghp_',i+1))!==-1)h++;}return h;});
t('lower', ()=>{let h=0;for(const f of files){h+=f.toLowerCase().length}return h;});
