/*
 * cfwd: the smallest RTP relay the bench can drive, in C, as a floor for what the JVM costs
 * (issue 5's stretch goal). Just enough ng for the generator: ping, offer, answer, delete. Each
 * call gets two RTP/RTCP port pairs; a datagram on one side's socket leaves through the same
 * socket of the other side, to the endpoint last heard there (at first the one in its SDP).
 *
 * Per packet: one recvfrom and one sendto on a level-triggered epoll, no batching, no connected
 * sockets, no checks on what arrives: the loop every userspace relay starts from.
 *
 *   cc -O2 -o cfwd cfwd.c && ./cfwd NG_PORT PORT_MIN PORT_MAX     (binds 127.0.0.1 only)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "benc.h"

#define MAX_CALLS 8192 /* hash slots; the bench sets up at most a few thousand calls */
#define ID_LEN 96

struct sock {
  int fd;
  struct sock *peer;         /* the socket of the other side that this one's datagrams leave by */
  struct sockaddr_in remote; /* where this socket sends: the endpoint heard last, or from SDP */
  int has_remote;
};

/* One side of a call: the RTP and RTCP sockets of one port pair. */
struct side {
  int pair; /* index of the pair in the port range, -1 when none */
  struct sock rtp, rtcp;
};

struct call {
  char id[ID_LEN]; /* "" when the slot is free */
  struct side a;   /* faces the caller: its port goes in the answer reply */
  struct side b;   /* faces the callee: its port goes in the offer reply */
};

static struct call calls[MAX_CALLS];
static int epfd, ngfd, port_min, pairs;
static int *free_pairs, free_count;

static unsigned hash(const char *s) {
  unsigned h = 2166136261u;
  while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
  return h;
}

/* A deleted call's slot: skipped by lookups, taken again by a new call. */
static const char TOMB[] = "\x01";
static int live;

/* The slot of call-id id, else (with create) a free one for it; NULL when absent or full. */
static struct call *slot(const char *id, int create) {
  struct call *reuse = NULL;
  for (unsigned i = 0, h = hash(id); i < MAX_CALLS; i++) {
    struct call *c = &calls[(h + i) % MAX_CALLS];
    if (c->id[0] == 0) return create ? (reuse ? reuse : c) : NULL;
    if (strcmp(c->id, TOMB) == 0) {
      if (!reuse) reuse = c;
    } else if (strcmp(c->id, id) == 0) {
      return c;
    }
  }
  return create ? reuse : NULL;
}

static int open_sock(struct sock *s, int port, struct sock *peer) {
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  s->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  if (s->fd < 0 || bind(s->fd, (struct sockaddr *)&a, sizeof a) < 0) {
    if (s->fd >= 0) close(s->fd);
    s->fd = -1;
    return -1;
  }
  s->peer = peer;
  s->has_remote = 0;
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = s};
  return epoll_ctl(epfd, EPOLL_CTL_ADD, s->fd, &ev);
}

static void close_side(struct side *d) {
  if (d->pair < 0) return;
  close(d->rtp.fd); /* closing removes it from the epoll set */
  close(d->rtcp.fd);
  d->rtp.fd = d->rtcp.fd = -1;
  free_pairs[free_count++] = d->pair;
  d->pair = -1;
}

static int open_side(struct side *d, struct side *other) {
  while (free_count > 0) {
    d->pair = free_pairs[--free_count];
    int port = port_min + 2 * d->pair;
    if (open_sock(&d->rtp, port, &other->rtp) == 0) {
      if (open_sock(&d->rtcp, port + 1, &other->rtcp) == 0) return 0;
      close(d->rtcp.fd);
    }
    close(d->rtp.fd); /* a pair some other socket holds: skip it, it stays out of the pool */
  }
  d->pair = -1;
  return -1;
}

/* The media address of an SDP (c=IN IP4 and the first m= port): where a side's sockets send first. */
static void sdp_remote(const char *sdp, int len, struct side *d) {
  char buf[2048], ip[64];
  int port;
  if (len >= (int)sizeof buf) len = sizeof buf - 1;
  memcpy(buf, sdp, len);
  buf[len] = 0;
  char *c = strstr(buf, "c=IN IP4 "), *m = strstr(buf, "m=audio ");
  if (!c || !m || sscanf(c + 9, "%63[0-9.]", ip) != 1 || sscanf(m + 8, "%d", &port) != 1) return;
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  if (inet_pton(AF_INET, ip, &a.sin_addr) != 1) return;
  d->rtp.remote = a;
  d->rtp.has_remote = 1;
  a.sin_port = htons(port + 1);
  d->rtcp.remote = a;
  d->rtcp.has_remote = 1;
}

/* --- ng: bencoded dictionaries behind a cookie --- */

static int is(struct str s, const char *lit) {
  return s.p && s.len == (int)strlen(lit) && memcmp(s.p, lit, s.len) == 0;
}

static int reply_sdp(char *out, int cap, int port) {
  char sdp[128];
  int n = snprintf(sdp, sizeof sdp, "v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio %d RTP/AVP 0\r\n", port);
  return snprintf(out, cap, "d6:result2:ok3:sdp%d:%se", n, sdp);
}

/* Handles one ng request (body without cookie); writes the bencoded reply to out. */
static int ng(const char *p, const char *end, char *out, int cap) {
  struct str command = {0}, call_id = {0}, sdp = {0};
  if (p >= end || *p != 'd') return snprintf(out, cap, "d6:result5:error12:error-reason9:not benc.e");
  p++;
  while (p < end && *p != 'e') {
    struct str key = {0}, val = {0};
    if (benc_skip(&p, end, &key) < 0 || !key.p || benc_skip(&p, end, &val) < 0)
      return snprintf(out, cap, "d6:result5:error12:error-reason9:not benc.e");
    if (is(key, "command")) command = val;
    else if (is(key, "call-id")) call_id = val;
    else if (is(key, "sdp")) sdp = val;
  }
  if (is(command, "ping")) return snprintf(out, cap, "d6:result4:ponge");
  if (!call_id.p || call_id.len >= ID_LEN)
    return snprintf(out, cap, "d6:result5:error12:error-reason10:no call-ide");
  char id[ID_LEN];
  memcpy(id, call_id.p, call_id.len);
  id[call_id.len] = 0;
  if (is(command, "delete")) {
    struct call *c = slot(id, 0);
    if (c) {
      close_side(&c->a);
      close_side(&c->b);
      strcpy(c->id, TOMB); /* the sockets stay where they are: an event of this batch may name them */
      if (--live == 0) {
        for (int i = 0; i < MAX_CALLS; i++) calls[i].id[0] = 0; /* all gone: no tombstones to skip */
      }
    }
    return snprintf(out, cap, "d6:result2:oke");
  }
  if (!sdp.p) return snprintf(out, cap, "d6:result5:error12:error-reason6:no sdpe");
  if (is(command, "offer")) {
    struct call *c = slot(id, 1);
    if (!c) return snprintf(out, cap, "d6:result5:error12:error-reason10:call tablee");
    if (c->id[0] == 0) { /* new; a retransmitted offer gets the same ports again */
      c->a.pair = c->b.pair = -1;
      if (open_side(&c->a, &c->b) < 0 || open_side(&c->b, &c->a) < 0) {
        close_side(&c->a);
        return snprintf(out, cap, "d6:result5:error12:error-reason8:no portse");
      }
      strcpy(c->id, id);
      live++;
    }
    sdp_remote(sdp.p, sdp.len, &c->a);
    return reply_sdp(out, cap, port_min + 2 * c->b.pair);
  }
  if (is(command, "answer")) {
    struct call *c = slot(id, 0);
    if (!c) return snprintf(out, cap, "d6:result5:error12:error-reason12:unknown calle");
    sdp_remote(sdp.p, sdp.len, &c->b);
    return reply_sdp(out, cap, port_min + 2 * c->a.pair);
  }
  return snprintf(out, cap, "d6:result5:error12:error-reason15:unknown commande");
}

static void ng_read(void) {
  char in[65536], out[512];
  struct sockaddr_in from;
  socklen_t fl = sizeof from;
  ssize_t n = recvfrom(ngfd, in, sizeof in, 0, (struct sockaddr *)&from, &fl);
  if (n <= 0) return;
  char *sp = memchr(in, ' ', n);
  if (!sp) return;
  int cookie = (int)(sp - in) + 1;
  memcpy(out, in, cookie);
  int len = ng(sp + 1, in + n, out + cookie, sizeof out - cookie);
  sendto(ngfd, out, cookie + len, 0, (struct sockaddr *)&from, fl);
}

static void forward(struct sock *s) {
  char buf[2048];
  struct sockaddr_in from;
  socklen_t fl = sizeof from;
  if (s->fd < 0) return; /* closed by a delete earlier in this batch of events */
  ssize_t n = recvfrom(s->fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
  if (n <= 0) return;
  if (!s->has_remote || s->remote.sin_port != from.sin_port || s->remote.sin_addr.s_addr != from.sin_addr.s_addr) {
    s->remote = from; /* symmetric RTP: answer where the party sends from */
    s->has_remote = 1;
  }
  struct sock *out = s->peer;
  if (out->fd >= 0 && out->has_remote) sendto(out->fd, buf, n, 0, (struct sockaddr *)&out->remote, sizeof out->remote);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: cfwd NG_PORT PORT_MIN PORT_MAX\n");
    return 2;
  }
  int ng_port = atoi(argv[1]);
  port_min = atoi(argv[2]);
  pairs = (atoi(argv[3]) - port_min + 1) / 2;
  free_pairs = malloc(sizeof(int) * pairs);
  for (int i = 0; i < pairs; i++) free_pairs[free_count++] = pairs - 1 - i;
  epfd = epoll_create1(0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(ng_port)};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ngfd = socket(AF_INET, SOCK_DGRAM, 0);
  if (bind(ngfd, (struct sockaddr *)&a, sizeof a) < 0) {
    perror("cfwd: ng bind");
    return 1;
  }
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
  epoll_ctl(epfd, EPOLL_CTL_ADD, ngfd, &ev);
  fprintf(stderr, "cfwd: ng on 127.0.0.1:%d, media %d-%d\n", ng_port, port_min, port_min + 2 * pairs - 1);
  struct epoll_event events[256];
  for (;;) {
    int n = epoll_wait(epfd, events, 256, -1);
    if (n < 0 && errno != EINTR) {
      perror("cfwd: epoll_wait");
      return 1;
    }
    for (int i = 0; i < n; i++) {
      if (events[i].data.ptr == NULL) ng_read();
      else forward(events[i].data.ptr);
    }
  }
}
