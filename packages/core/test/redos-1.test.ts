import { describeReDoSCheck } from './redos.js';

describeReDoSCheck(0, 2);
