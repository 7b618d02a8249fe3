// Loaded with `node --require` into a benchmark anchor (promptfoo): every TCP connection to a host other than the
// loopback is refused before any lookup or packet, so the anchor's telemetry and update checks cannot leave the machine.
const net = require('node:net');

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1', 'localhost']);
const connect = net.Socket.prototype.connect;
let refused = 0;

net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  const host = options.host ?? 'localhost';
  if (options.path === undefined && !LOOPBACK.has(host)) {
    refused++;
    const error = Object.assign(new Error(`connection to ${host} refused by the bench's loopback guard`), { code: 'ECONNREFUSED' });
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};

process.on('exit', () => {
  if (refused) process.stderr.write(`[loopback-guard] refused ${refused} connection(s) to outside hosts\n`);
});
