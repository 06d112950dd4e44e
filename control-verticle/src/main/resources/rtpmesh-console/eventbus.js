// A small client of Vert.x's SockJS event-bus bridge over its raw WebSocket endpoint
// (<prefix>/websocket): JSON frames {type: send|register|ping, address, body, headers, replyAddress}
// out, {type: rec|err, ...} in. Modern browsers all speak WebSocket, so no SockJS fallbacks.
'use strict';
class EventBus {
  constructor(url) {
    this.url = url;
    this.handlers = {};
    this.replies = {};
    this.onopen = () => {};
    this.onclose = () => {};
    this.connect();
  }
  connect() {
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer'; // the bridge's raw endpoint answers in binary frames
    this.ws = ws;
    ws.onopen = () => {
      for (const address of Object.keys(this.handlers)) this.frame({type: 'register', address});
      this.pinger = setInterval(() => this.frame({type: 'ping'}), 5000);
      this.onopen();
    };
    ws.onclose = () => {
      clearInterval(this.pinger);
      for (const id of Object.keys(this.replies)) this.replies[id].reject({failureCode: -1, message: 'connection lost'});
      this.replies = {};
      this.onclose();
      setTimeout(() => this.connect(), 2000);
    };
    const text = new TextDecoder();
    ws.onmessage = (e) => this.receive(JSON.parse(typeof e.data === 'string' ? e.data : text.decode(e.data)));
  }
  get open() { return this.ws && this.ws.readyState === WebSocket.OPEN; }
  frame(f) { if (this.open) this.ws.send(JSON.stringify(f)); }
  receive(m) {
    const pending = this.replies[m.address];
    if (pending) {
      delete this.replies[m.address];
      if (m.type === 'err') pending.reject({failureCode: m.failureCode, message: m.message || m.body});
      else pending.resolve(m.body);
      return;
    }
    if (m.type === 'err') { console.warn('event bus error', m); return; }
    (this.handlers[m.address] || []).forEach((h) => h(m.body));
  }
  register(address, handler) {
    if (!this.handlers[address]) {
      this.handlers[address] = [];
      this.frame({type: 'register', address});
    }
    this.handlers[address].push(handler);
  }
  request(address, body, headers) {
    return new Promise((resolve, reject) => {
      if (!this.open) { reject({failureCode: -1, message: 'not connected'}); return; }
      const replyAddress = 'reply.' + Math.random().toString(36).slice(2) + Date.now().toString(36);
      this.replies[replyAddress] = {resolve, reject};
      this.frame({type: 'send', address, body, headers: headers || {}, replyAddress});
      setTimeout(() => {
        if (this.replies[replyAddress]) {
          delete this.replies[replyAddress];
          reject({failureCode: -1, message: 'no reply'});
        }
      }, 10000);
    });
  }
}
