import { describeReDoSCheck } from './redos.js';

describeReDoSCheck(1, 2);
