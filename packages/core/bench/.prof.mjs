import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScanner } from '/work/main/packages/core/dist/index.js';
const files=[];let total=0;
(function walk(d){ if(total>40e6)return; for(const e of readdirSync(d,{withFileTypes:true})){const p=join(d,e.name); if(e.isDirectory())walk(p); else if(/\.(c?m?js|ts|json)$/.test(e.name)){const b=readFileSync(p);files.push([p,b.toString('utf8')]);total+=b.length;} if(total>40e6)return;}})('/work/main/node_modules/.pnpm');
const sc=createScanner();
for (let k=0;k<6;k++){const s=performance.now();for(const [p,f] of files)sc.scan(f,p);console.log((performance.now()-s).toFixed(0));}
