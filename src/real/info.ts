// INFO text → InfoReply for the real tier's links. The line rules are Sentinel's own (spec §5.1), so
// they live with the engine (src/engine/info-parse.ts); the edge calls them on the text it receives.
export { parseInfo, parseSlaveLine } from '../engine/info-parse.js';
