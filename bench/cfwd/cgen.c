/*
 * cgen: the bench's load generator with its media loop in C, for when the Java generator
 * (rtpmesh-bench.jar) is itself at the edge of its core: at 1000 calls on 2 cores it runs at
 * 88-98 % of one and its sends lag by tens of milliseconds, so it feeds the relay in bursts.
 *
 * It does what the Java generator does, the same way, so the two are interchangeable in run.sh
 * (GEN=c): ng offer and answer per call (16 in flight), 32 shared RTP/RTCP socket pairs for the
 * phones, a 172-byte PCMU probe every 20 ms per call side (the sides spread evenly over the 20 ms)
 * with the sender's side, a sequence number and the send time in the payload, an RTCP SR every
 * 250 packets, one sendmmsg per socket per tick (>= 0.5 ms), recvmmsg of up to 32 per read; loss,
 * duplicates and one-way latency of the probes sent in the measured window; the relay's CPU and RSS
 * from /proc. It prints the same summary and RESULT/STEP/RAMP lines as the Java generator. Plain
 * RTP only (no --srtp, --fork, --cycles).
 *
 *   cc -O2 -o cgen cgen.c
 *   ./cgen --ng 127.0.0.1:22230 --pid PID --calls 1000 [--warmup 5 --duration 20 --label L]
 *   ./cgen --ng 127.0.0.1:22230 --pid PID --ramp          (same search as the Java generator)
 *   ./cgen --direct --calls 2000                          (no relay: what the generator can drive)
 *
 * --busy polls the sockets (epoll_wait with no timeout) instead of sleeping between ticks. On
 * loopback a send also wakes the receiving process if it sleeps, and the sender's syscall pays for
 * that wakeup; a generator that never sleeps charges the relay for none of its sends, as a NIC would
 * not (bench/README.md, "A generator in C"). It then shows 100 % of its core whatever the load.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "benc.h"

#define PERIOD_NS 20000000LL
#define MIN_TICK_NS 500000LL
#define RTCP_EVERY 250
#define RTP_LEN 172
#define RTCP_LEN 28
#define MAGIC 0x524D4231u /* "RMB1" */
#define SSRC_BASE 0x10000
#define READ_BATCH 32
#define MAX_DATAGRAM 512
#define SOCKET_BUFFER (4 << 20)
#define P99_LIMIT_MS 20.0

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t); /* Java's System.nanoTime on Linux */
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void die(const char *what) {
  fprintf(stderr, "cgen: %s: %s\n", what, strerror(errno));
  exit(1);
}

/* --- latency histogram: log-linear, 10 bits below each power of two (0.1 %, like HdrHistogram's 3 digits) --- */

#define SUB_BITS 10
#define SUB (1 << SUB_BITS)
#define HIST_MAX_NS 60000000000LL
#define BUCKETS ((64 - SUB_BITS) * SUB)

struct hist {
  int64_t count, max;
  int64_t *b;
};

static int bucket(int64_t v) {
  if (v < SUB) return (int)v;
  int h = 63 - __builtin_clzll((uint64_t)v);
  return (h - SUB_BITS + 1) * SUB + (int)((v >> (h - SUB_BITS)) & (SUB - 1));
}

/* The highest value that lands in bucket i. */
static int64_t bucket_top(int i) {
  if (i < SUB) return i;
  int h = i / SUB + SUB_BITS - 1, m = i % SUB;
  return (((int64_t)(SUB + m)) << (h - SUB_BITS)) + (1LL << (h - SUB_BITS)) - 1;
}

static void hist_init(struct hist *h) {
  h->count = h->max = 0;
  h->b = calloc(BUCKETS, sizeof *h->b);
  if (!h->b) die("calloc");
}

static void hist_record(struct hist *h, int64_t v) {
  if (v < 0) v = 0;
  if (v > HIST_MAX_NS) v = HIST_MAX_NS;
  h->b[bucket(v)]++;
  h->count++;
  if (v > h->max) h->max = v;
}

static double hist_ms(const struct hist *h, double pct) {
  if (h->count == 0) return 0;
  int64_t want = (int64_t)(pct / 100.0 * h->count + 0.5), seen = 0;
  if (want < 1) want = 1;
  for (int i = 0; i < BUCKETS; i++) {
    seen += h->b[i];
    if (seen >= want) {
      int64_t top = bucket_top(i);
      return (top < h->max ? top : h->max) / 1e6;
    }
  }
  return h->max / 1e6;
}

/* --- /proc --- */

static int64_t tick_ns;

/* utime (14) + stime (15) of a process, or stime alone, in ns; -1 if it is gone. */
static int64_t proc_cpu(long pid, int sys_only) {
  char path[64], buf[4096];
  snprintf(path, sizeof path, "/proc/%ld/stat", pid);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  char *p = strrchr(buf, ')'); /* comm may hold spaces: fields restart after the last ')' */
  if (!p) return -1;
  unsigned long long ut, st;
  if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2) return -1;
  return (int64_t)((sys_only ? 0 : ut) + st) * tick_ns;
}

static long proc_rss_kb(long pid) {
  char path[64], line[256];
  snprintf(path, sizeof path, "/proc/%ld/status", pid);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  long kb = -1;
  while (fgets(line, sizeof line, f))
    if (strncmp(line, "VmRSS:", 6) == 0) kb = atol(line + 6);
  fclose(f);
  return kb;
}

/* --- options --- */

static struct {
  struct sockaddr_in ng;
  long pid;
  const char *label;
  int calls, phone_sockets, ng_window, direct, ramp, ramp_max, ramp_step, busy;
  double warmup, duration;
  long drain_ms;
  const char *phone_ports;
} opt;

/* --- phones: socket pairs shared by all call sides (side i on pair i % count) --- */

struct side {
  int pair;
  int port; /* the side's pair's RTP port, said in its SDP */
  struct sockaddr_in rtp_to, rtcp_to;
};

static int nsocks;          /* RTP/RTCP pairs */
static int *rtp_fd, *rtcp_fd, *sock_port;

static int bind_udp(int port) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  if (fd < 0) die("socket");
  int size = SOCKET_BUFFER;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size); /* capped at net.core.[rw]mem_max */
  setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) {
    close(fd);
    return -1;
  }
  return fd;
}

/* Binds count pairs (even, odd port) from ranges like "23000-29999,42000-49999", skipping busy ones. */
static void phones_bind(int count) {
  nsocks = count;
  rtp_fd = calloc(count, sizeof(int));
  rtcp_fd = calloc(count, sizeof(int));
  sock_port = calloc(count, sizeof(int));
  char *ranges = strdup(opt.phone_ports), *save = NULL;
  int got = 0;
  for (char *r = strtok_r(ranges, ",", &save); r && got < count; r = strtok_r(NULL, ",", &save)) {
    int lo, hi;
    if (sscanf(r, "%d-%d", &lo, &hi) != 2) {
      fprintf(stderr, "cgen: bad --phone-ports %s\n", opt.phone_ports);
      exit(2);
    }
    for (int p = lo + (lo & 1); p + 1 <= hi && got < count; p += 2) {
      int a = bind_udp(p);
      if (a < 0) continue;
      int b = bind_udp(p + 1);
      if (b < 0) {
        close(a);
        continue;
      }
      rtp_fd[got] = a;
      rtcp_fd[got] = b;
      sock_port[got++] = p;
    }
  }
  free(ranges);
  if (got < count) {
    fprintf(stderr, "cgen: phone port ranges %s hold fewer than %d free RTP/RTCP pairs\n", opt.phone_ports, count);
    exit(1);
  }
}

static void phones_close(void) {
  for (int i = 0; i < nsocks; i++) {
    close(rtp_fd[i]);
    close(rtcp_fd[i]);
  }
  free(rtp_fd);
  free(rtcp_fd);
  free(sock_port);
}

/* --- ng: bencoded dictionaries behind a cookie, up to ng_window requests in flight --- */

/* The string value of key in a bencoded dictionary; {0} if absent. */
static struct str benc_get(const char *p, const char *end, const char *key) {
  struct str none = {0};
  if (p >= end || *p != 'd') return none;
  p++;
  while (p < end && *p != 'e') {
    struct str k = {0}, v = {0};
    if (benc_skip(&p, end, &k) < 0 || benc_skip(&p, end, &v) < 0) return none;
    if (k.len == (int)strlen(key) && memcmp(k.p, key, k.len) == 0) return v;
  }
  return none;
}

static char run_id[32];

static int put_str(char *out, const char *s) {
  return sprintf(out, "%zu:%s", strlen(s), s);
}

/* A request body: d7:command..7:call-id..8:from-tag..[6:to-tag..][3:sdp..][12:delete-delayi0e]e */
static int ng_request(char *out, const char *command, int call, const char *sdp) {
  char id[64], tag[32];
  int n = sprintf(out, "d7:command");
  n += put_str(out + n, command);
  snprintf(id, sizeof id, "bench-%s-%d", run_id, call);
  n += sprintf(out + n, "7:call-id");
  n += put_str(out + n, id);
  snprintf(tag, sizeof tag, "a%d", call);
  n += sprintf(out + n, "8:from-tag");
  n += put_str(out + n, tag);
  if (strcmp(command, "answer") == 0) {
    snprintf(tag, sizeof tag, "b%d", call);
    n += sprintf(out + n, "6:to-tag");
    n += put_str(out + n, tag);
  }
  if (sdp) {
    n += sprintf(out + n, "3:sdp");
    n += put_str(out + n, sdp);
  }
  if (strcmp(command, "delete") == 0) n += sprintf(out + n, "12:delete-delayi0e");
  return n + sprintf(out + n, "e");
}

static void phone_sdp(char *out, int port, long session) {
  sprintf(out,
          "v=0\r\no=- %ld 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          "m=audio %d RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
          "a=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n",
          session, port);
}

/* The RTP address of an SDP's first m= line (with the last c= before it); -1 if none. */
static int sdp_media(struct str sdp, struct sockaddr_in *to) {
  char buf[8192], ip[64] = "";
  int len = sdp.len < (int)sizeof buf - 1 ? sdp.len : (int)sizeof buf - 1, port = -1;
  memcpy(buf, sdp.p, len);
  buf[len] = 0;
  for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
    if (strncmp(line, "m=", 2) == 0) {
      if (port >= 0) break;
      sscanf(line, "m=%*s %d", &port);
    } else if (strncmp(line, "c=", 2) == 0) {
      sscanf(line, "c=IN IP4 %63[0-9.]", ip);
    }
  }
  memset(to, 0, sizeof *to);
  to->sin_family = AF_INET;
  to->sin_port = htons(port);
  if (port <= 0 || inet_pton(AF_INET, ip, &to->sin_addr) != 1) return -1;
  if ((ntohl(to->sin_addr.s_addr) >> 24) != 127) {
    fprintf(stderr, "cgen: relay offered %s, not a loopback address\n", ip);
    exit(1);
  }
  return 0;
}

struct pending {
  int call, step; /* step 0 offer, 1 answer, 2 delete; -1 free */
  int64_t first, last;
  int len;
  char wire[2048];
};

static int ng_fd;
static struct hist ng_rtt;

static void ng_open(void) {
  ng_fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (ng_fd < 0 || connect(ng_fd, (struct sockaddr *)&opt.ng, sizeof opt.ng) < 0) die("ng socket");
}

static void ng_send(struct pending *q, int slot, const char *body, int len) {
  q->len = sprintf(q->wire, "%s_%d_%d_%d ", run_id, slot, q->call, q->step);
  memcpy(q->wire + q->len, body, len);
  q->len += len;
  q->first = q->last = now_ns();
  send(ng_fd, q->wire, q->len, 0);
}

static void ng_next(struct pending *q, int slot, struct side *sides, int step, int call) {
  char body[2048], sdp[512];
  q->call = call;
  q->step = step;
  int n;
  if (step == 0) {
    phone_sdp(sdp, sides[2 * call].port, 1000L + call);
    n = ng_request(body, "offer", call, sdp);
  } else if (step == 1) {
    phone_sdp(sdp, sides[2 * call + 1].port, 2000L + call);
    n = ng_request(body, "answer", call, sdp);
  } else {
    n = ng_request(body, "delete", call, NULL);
  }
  ng_send(q, slot, body, n);
}

/* Offers and answers every call (steps 0-1), or deletes them (step 2); exits on an ng error. */
static void ng_run(struct side *sides, int calls, int deleting) {
  int window = opt.ng_window, next = 0, done = 0;
  struct pending *q = calloc(window, sizeof *q);
  for (int i = 0; i < window; i++) q[i].step = -1;
  while (done < calls) {
    for (int i = 0; i < window && next < calls; i++)
      if (q[i].step < 0) ng_next(&q[i], i, sides, deleting ? 2 : 0, next++);
    char in[65536];
    struct timeval tv = {.tv_sec = 0, .tv_usec = 100000};
    setsockopt(ng_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ssize_t n = recv(ng_fd, in, sizeof in, 0);
    int64_t now = now_ns();
    if (n < 0) {
      for (int i = 0; i < window; i++) {
        if (q[i].step < 0 || now - q[i].last < 1000000000LL) continue;
        if (now - q[i].first > 10000000000LL) {
          fprintf(stderr, "cgen: no ng reply in 10 s (call %d, step %d)\n", q[i].call, q[i].step);
          exit(1);
        }
        q[i].last = now; /* the same cookie: the relay answers a retransmission from its cache */
        send(ng_fd, q[i].wire, q[i].len, 0);
      }
      continue;
    }
    char *sp = memchr(in, ' ', n);
    int slot, call, step;
    if (!sp || sscanf(in, "%*[^_]_%d_%d_%d ", &slot, &call, &step) != 3 || slot < 0 || slot >= window
        || q[slot].call != call || q[slot].step != step)
      continue; /* a reply to a retransmission we already have */
    struct str result = benc_get(sp + 1, in + n, "result");
    if (step != 2 && (result.len != 2 || memcmp(result.p, "ok", 2) != 0)) {
      struct str why = benc_get(sp + 1, in + n, "error-reason");
      fprintf(stderr, "cgen: ng %s of call %d: %.*s %.*s\n", step ? "answer" : "offer", call, result.len,
              result.p ? result.p : "", why.len, why.p ? why.p : "");
      exit(1);
    }
    hist_record(&ng_rtt, now - q[slot].first);
    if (step == 0 || step == 1) {
      /* the offer's reply is where the callee sends, the answer's where the caller does */
      struct side *s = &sides[2 * call + (step == 0)];
      if (sdp_media(benc_get(sp + 1, in + n, "sdp"), &s->rtp_to) < 0) {
        fprintf(stderr, "cgen: no media address in the reply to call %d's %s\n", call, step ? "answer" : "offer");
        exit(1);
      }
      s->rtcp_to = s->rtp_to;
      s->rtcp_to.sin_port = htons(ntohs(s->rtp_to.sin_port) + 1);
    }
    if (step == 0) {
      ng_next(&q[slot], slot, sides, 1, call);
    } else {
      q[slot].step = -1;
      done++;
    }
  }
  free(q);
}

static int ng_ping(double wait_s) {
  int64_t deadline = now_ns() + (int64_t)(wait_s * 1e9);
  struct timeval tv = {.tv_sec = 0, .tv_usec = 200000};
  setsockopt(ng_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  do {
    char in[512];
    send(ng_fd, "ping_0 d7:command4:pinge", 24, 0);
    ssize_t n = recv(ng_fd, in, sizeof in - 1, 0);
    if (n > 0) {
      in[n] = 0;
      if (strstr(in, "4:pong")) return 1;
    }
    if (n < 0) usleep(200000);
  } while (now_ns() < deadline);
  return 0;
}

/* --- the media loop --- */

struct out_queue { /* one socket's datagrams of this tick */
  int n;
  struct mmsghdr *msg;
  struct iovec *iov;
  unsigned char (*buf)[RTP_LEN];
};

static struct side *sides;
static int nsides;
static uint32_t *next_seq;
static uint64_t *seen; /* per side a bitmap of the sequence numbers received */
static int seen_words;
static struct out_queue *q_rtp, *q_rtcp;
static struct hist latency;
static int64_t window_start, window_end;
/* Per 100 ms of send time in the window: the worst latency and the probes over the p99 limit, so
 * that a run's summary tells a stall (a few slots) from a limit (every slot); see print_late. */
#define SLOT_NS 100000000LL
static int nslots;
static int64_t *slot_max, *slot_late;
static int64_t sent, sent_in_window, received, received_rtcp, received_in_window, duplicates, foreign,
    socket_errors, max_send_lag;

static void put32(unsigned char *p, uint32_t v) {
  p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v;
}

static uint32_t get32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void queue_rtp(int side, uint32_t seq, int64_t now) {
  struct out_queue *q = &q_rtp[sides[side].pair];
  unsigned char *b = q->buf[q->n];
  b[0] = 0x80; /* V=2, no padding, no extension, CC=0 */
  b[1] = 0;    /* M=0, PT=0 (PCMU) */
  b[2] = seq >> 8, b[3] = seq;
  put32(b + 4, seq * 160);
  put32(b + 8, SSRC_BASE + side);
  put32(b + 12, MAGIC);
  put32(b + 16, side);
  put32(b + 20, seq);
  put32(b + 24, (uint64_t)now >> 32);
  put32(b + 28, (uint32_t)now);
  memset(b + 32, 0xFF, RTP_LEN - 32); /* PCMU silence */
  q->iov[q->n] = (struct iovec){b, RTP_LEN};
  q->msg[q->n].msg_hdr = (struct msghdr){.msg_name = &sides[side].rtp_to, .msg_namelen = sizeof(struct sockaddr_in),
                                         .msg_iov = &q->iov[q->n], .msg_iovlen = 1};
  q->n++;
}

static void queue_rtcp(int side, uint32_t seq) {
  struct out_queue *q = &q_rtcp[sides[side].pair];
  unsigned char *b = q->buf[q->n];
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  uint64_t ms = t.tv_sec * 1000ULL + t.tv_nsec / 1000000;
  b[0] = 0x80, b[1] = 200, b[2] = 0, b[3] = 6; /* SR, length 6 */
  put32(b + 4, SSRC_BASE + side);
  put32(b + 8, ms >> 32); /* stands in for the NTP timestamp */
  put32(b + 12, (uint32_t)ms);
  put32(b + 16, seq * 160);
  put32(b + 20, seq);
  put32(b + 24, seq * 160);
  q->iov[q->n] = (struct iovec){b, RTCP_LEN};
  q->msg[q->n].msg_hdr = (struct msghdr){.msg_name = &sides[side].rtcp_to, .msg_namelen = sizeof(struct sockaddr_in),
                                         .msg_iov = &q->iov[q->n], .msg_iovlen = 1};
  q->n++;
}

static void flush(int fd, struct out_queue *q) {
  for (int at = 0; at < q->n;) {
    int n = sendmmsg(fd, q->msg + at, q->n - at, 0);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      socket_errors += q->n - at; /* a full send buffer: these never leave */
      break;
    }
    at += n;
  }
  q->n = 0;
}

static void on_rtp(int sock, const unsigned char *b, int len, int64_t now) {
  if (len != RTP_LEN || get32(b + 12) != MAGIC) {
    foreign++;
    return;
  }
  uint32_t from = get32(b + 16);
  if (from >= (uint32_t)nsides || sock != sides[from ^ 1].pair) {
    foreign++;
    return;
  }
  received++;
  uint32_t seq = get32(b + 20);
  if ((int)(seq >> 6) >= seen_words) {
    foreign++;
    return;
  }
  uint64_t *word = &seen[(size_t)from * seen_words + (seq >> 6)], mask = 1ULL << (seq & 63);
  if (*word & mask) {
    duplicates++;
    return;
  }
  *word |= mask;
  int64_t sent_at = (int64_t)((uint64_t)get32(b + 24) << 32 | get32(b + 28));
  if (sent_at >= window_start && sent_at < window_end) {
    received_in_window++;
    hist_record(&latency, now - sent_at);
    int slot = (int)((sent_at - window_start) / SLOT_NS);
    if (now - sent_at > slot_max[slot]) slot_max[slot] = now - sent_at;
    if (now - sent_at >= (int64_t)(P99_LIMIT_MS * 1e6)) slot_late[slot]++;
  }
}

static struct mmsghdr rmsg[READ_BATCH];
static struct iovec riov[READ_BATCH];
static unsigned char rbuf[READ_BATCH][MAX_DATAGRAM];

static void receive(int sock, int rtcp) {
  int fd = rtcp ? rtcp_fd[sock] : rtp_fd[sock];
  for (int rounds = 0; rounds < 4; rounds++) { /* then the other sockets get their turn */
    for (int i = 0; i < READ_BATCH; i++) {
      riov[i] = (struct iovec){rbuf[i], MAX_DATAGRAM};
      rmsg[i].msg_hdr = (struct msghdr){.msg_iov = &riov[i], .msg_iovlen = 1};
    }
    int n = recvmmsg(fd, rmsg, READ_BATCH, 0, NULL);
    if (n <= 0) {
      if (n < 0 && errno != EAGAIN && errno != EINTR) socket_errors++;
      return;
    }
    int64_t now = now_ns();
    for (int i = 0; i < n; i++) {
      if (rtcp) received_rtcp++;
      else on_rtp(sock, rbuf[i], (int)rmsg[i].msg_len, now);
    }
    if (n < READ_BATCH) return;
  }
}

/* One LATE line per run with a probe over the limit: each 100 ms slot of send time that had one,
 * as "+seconds into the window:worst ms/probes over the limit", and the window's start in UTC to
 * line the slots up with the relay's logs. On stderr, so the tables stay as they were. */
static void print_late(int calls, double open_wall) {
  int late = 0;
  for (int i = 0; i < nslots; i++) late += slot_late[i] > 0;
  if (!late) return;
  time_t secs = (time_t)open_wall;
  struct tm tm;
  gmtime_r(&secs, &tm);
  fprintf(stderr, "LATE %s %d calls, window from %02d:%02d:%06.3f UTC, %d of %d slots of 100 ms:", opt.label, calls,
          tm.tm_hour, tm.tm_min, tm.tm_sec + (open_wall - secs), late, nslots);
  for (int i = 0, shown = 0; i < nslots; i++) {
    if (!slot_late[i]) continue;
    if (++shown > 40) {
      fprintf(stderr, " ...");
      break;
    }
    fprintf(stderr, " +%.1f:%.0f/%lld", i * SLOT_NS / 1e9, slot_max[i] / 1e6, (long long)slot_late[i]);
  }
  fprintf(stderr, "\n");
}

enum { WALL, RELAY_CPU, RELAY_SYS, GEN_CPU, FORWARDED, SENT, EDGE };

static void edge(int64_t *e, int64_t now) {
  e[WALL] = now;
  e[RELAY_CPU] = opt.pid > 0 ? proc_cpu(opt.pid, 0) : 0;
  e[RELAY_SYS] = opt.pid > 0 ? proc_cpu(opt.pid, 1) : 0;
  e[GEN_CPU] = proc_cpu(getpid(), 0);
  e[FORWARDED] = received + received_rtcp;
  e[SENT] = sent;
}

struct result {
  int calls;
  int64_t sent_in_window, received_in_window, duplicates, errors;
  double loss_pct, p50, p99, p999, max_ms, relay_us, relay_pct, relay_sys_us, fwd_pps, rss_mb, gen_us, gen_pct,
      lag_ms, ng_p50, ng_p99, calls_s;
};

/* One load: bind the phones, set up the calls, run the media, delete the calls. */
static struct result run(int calls) {
  struct result r = {.calls = calls};
  nsides = 2 * calls;
  int count = opt.phone_sockets < nsides ? opt.phone_sockets : nsides;
  count += count & 1; /* even, so the two sides of a call never share a pair */
  phones_bind(count);
  sides = calloc(nsides, sizeof *sides);
  for (int i = 0; i < nsides; i++) {
    sides[i].pair = i % count;
    sides[i].port = sock_port[i % count];
  }
  snprintf(run_id, sizeof run_id, "%llx", (unsigned long long)now_ns());
  hist_init(&ng_rtt);
  int64_t t0 = now_ns();
  if (opt.direct) {
    for (int i = 0; i < nsides; i++) {
      struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(sides[i ^ 1].port)};
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      sides[i].rtp_to = sides[i].rtcp_to = a;
      sides[i].rtcp_to.sin_port = htons(sides[i ^ 1].port + 1);
    }
  } else {
    ng_run(sides, calls, 0);
  }
  int64_t setup_ns = now_ns() - t0;

  seen_words = (int)((opt.warmup + opt.duration + 2) * 50 + 64) / 64 + 1;
  seen = calloc((size_t)nsides * seen_words, sizeof *seen);
  next_seq = calloc(nsides, sizeof *next_seq);
  int per_sock = nsides / count + 2;
  q_rtp = calloc(count, sizeof *q_rtp);
  q_rtcp = calloc(count, sizeof *q_rtcp);
  for (int i = 0; i < 2 * count; i++) {
    struct out_queue *q = i < count ? &q_rtp[i] : &q_rtcp[i - count];
    q->msg = calloc(per_sock, sizeof *q->msg);
    q->iov = calloc(per_sock, sizeof *q->iov);
    q->buf = calloc(per_sock, RTP_LEN);
  }
  hist_init(&latency);
  nslots = (int)(opt.duration * 1e9 / SLOT_NS) + 1;
  slot_max = calloc(nslots, sizeof *slot_max);
  slot_late = calloc(nslots, sizeof *slot_late);
  sent = sent_in_window = received = received_rtcp = received_in_window = duplicates = foreign = socket_errors =
      max_send_lag = 0;

  int ep = epoll_create1(0), tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
  if (ep < 0 || tfd < 0) die("epoll/timerfd");
  for (int i = 0; i < 2 * count; i++) {
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = i};
    epoll_ctl(ep, EPOLL_CTL_ADD, i < count ? rtp_fd[i] : rtcp_fd[i - count], &ev);
  }
  struct epoll_event tev = {.events = EPOLLIN, .data.u32 = 2 * count};
  epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &tev);

  int64_t start = now_ns(), open_at = start + (int64_t)(opt.warmup * 1e9);
  struct timespec wall;
  clock_gettime(CLOCK_REALTIME, &wall);
  double open_wall = wall.tv_sec + wall.tv_nsec / 1e9 + opt.warmup;
  int64_t close_at = open_at + (int64_t)(opt.duration * 1e9), end_at = close_at + opt.drain_ms * 1000000LL;
  window_start = open_at;
  window_end = close_at;
  int64_t cycle = start, next_due = start, e[2 * EDGE], armed_at = start;
  int next = 0, open = 0, closed = 0;
  long rss_kb = -1;
  struct epoll_event evs[128];
  for (int tick = 1;;) {
    if (tick) { /* as MediaLoop.tick: window edges, the sends that are due, the next wakeup */
      tick = 0;
      int64_t now = now_ns();
      if (!open && now >= open_at) {
        open = 1;
        edge(e, now);
      }
      if (!closed && now >= close_at) {
        closed = 1;
        edge(e + EDGE, now);
        if (opt.pid > 0) rss_kb = proc_rss_kb(opt.pid);
      }
      if (now >= end_at) break;
      int64_t wake_at = end_at;
      if (now < close_at) {
        for (int batch = 0; next_due <= now && batch < nsides; batch++) { /* one round at most per tick */
          if (open && !closed && now - next_due > max_send_lag) max_send_lag = now - next_due;
          uint32_t seq = next_seq[next]++;
          queue_rtp(next, seq, now);
          sent++;
          if (now >= window_start && now < window_end) sent_in_window++;
          if (seq % RTCP_EVERY == (uint32_t)next % RTCP_EVERY) queue_rtcp(next, seq);
          if (++next == nsides) {
            next = 0;
            cycle += PERIOD_NS;
          }
          next_due = cycle + PERIOD_NS * next / nsides;
        }
        for (int p = 0; p < count; p++) {
          if (q_rtp[p].n) flush(rtp_fd[p], &q_rtp[p]);
          if (q_rtcp[p].n) flush(rtcp_fd[p], &q_rtcp[p]);
        }
        wake_at = next_due < (open ? close_at : open_at) ? next_due : (open ? close_at : open_at);
      }
      int64_t at = now_ns() + MIN_TICK_NS;
      if (wake_at > at) at = wake_at;
      struct itimerspec its = {.it_value = {.tv_sec = at / 1000000000LL, .tv_nsec = at % 1000000000LL}};
      timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL);
      armed_at = at;
    }
    int n = epoll_wait(ep, evs, 128, opt.busy ? 0 : -1);
    if (opt.busy && now_ns() >= armed_at) tick = 1;
    if (n < 0 && errno != EINTR) die("epoll_wait");
    for (int i = 0; i < n; i++) {
      uint32_t id = evs[i].data.u32;
      if (id == (uint32_t)(2 * count)) {
        uint64_t expirations;
        if (read(tfd, &expirations, sizeof expirations) > 0) tick = 1;
      } else {
        receive(id % count, id >= (uint32_t)count);
      }
    }
  }
  close(tfd);
  close(ep);
  if (!opt.direct) ng_run(sides, calls, 1);

  double wall_s = (e[EDGE + WALL] - e[WALL]) / 1e9;
  int64_t forwarded = e[EDGE + FORWARDED] - e[FORWARDED], relay_cpu = e[EDGE + RELAY_CPU] - e[RELAY_CPU];
  int64_t gen_cpu = e[EDGE + GEN_CPU] - e[GEN_CPU], gen_packets = forwarded + e[EDGE + SENT] - e[SENT];
  int cpu = opt.pid > 0;
  r.sent_in_window = sent_in_window;
  r.received_in_window = received_in_window;
  r.loss_pct = sent_in_window == 0 ? 100 : 100.0 * (sent_in_window - received_in_window) / sent_in_window;
  r.duplicates = duplicates;
  r.p50 = hist_ms(&latency, 50);
  r.p99 = hist_ms(&latency, 99);
  r.p999 = hist_ms(&latency, 99.9);
  r.max_ms = latency.max / 1e6;
  r.relay_us = cpu && forwarded > 0 ? relay_cpu / 1e3 / forwarded : -1;
  r.relay_pct = cpu ? 100.0 * relay_cpu / 1e9 / wall_s : -1;
  r.relay_sys_us = cpu && forwarded > 0 ? (e[EDGE + RELAY_SYS] - e[RELAY_SYS]) / 1e3 / forwarded : -1;
  r.fwd_pps = forwarded / wall_s;
  r.rss_mb = rss_kb < 0 ? -1 : rss_kb / 1024.0;
  r.gen_us = gen_packets > 0 ? gen_cpu / 1e3 / gen_packets : -1;
  r.gen_pct = 100.0 * gen_cpu / 1e9 / wall_s;
  r.lag_ms = max_send_lag / 1e6;
  r.ng_p50 = hist_ms(&ng_rtt, 50);
  r.ng_p99 = hist_ms(&ng_rtt, 99);
  r.calls_s = calls / (setup_ns / 1e9);
  r.errors = socket_errors + foreign;
  print_late(calls, open_wall);

  for (int i = 0; i < 2 * count; i++) {
    struct out_queue *q = i < count ? &q_rtp[i] : &q_rtcp[i - count];
    free(q->msg);
    free(q->iov);
    free(q->buf);
  }
  free(q_rtp);
  free(q_rtcp);
  free(seen);
  free(next_seq);
  free(sides);
  free(latency.b);
  free(ng_rtt.b);
  free(slot_max);
  free(slot_late);
  phones_close();
  return r;
}

static int sustainable(const struct result *r) {
  return r->sent_in_window > 0 && r->received_in_window >= r->sent_in_window && r->p99 < P99_LIMIT_MS;
}

/* The Java generator's summary line and RESULT json, field for field (RunResult). */
static void print(const struct result *r, const char *prefix) {
  printf("%s %d calls: relay %.2f us/pkt (%.2f in the kernel, %.0f%% cpu, %.0f pkt/s, rss %.0f MB), loss %.3f%% "
         "(%lld/%lld), dup %lld, latency p50 %.3f p99 %.3f p99.9 %.3f max %.3f ms; ng p50 %.2f p99 %.2f ms, "
         "%.0f calls/s; generator %.2f us/pkt (%.0f%% cpu, max send lag %.1f ms), errors %lld (srtp 0)%s\n",
         opt.label, r->calls, r->relay_us, r->relay_sys_us, r->relay_pct, r->fwd_pps, r->rss_mb, r->loss_pct,
         (long long)(r->sent_in_window - r->received_in_window), (long long)r->sent_in_window,
         (long long)r->duplicates, r->p50, r->p99, r->p999, r->max_ms, r->ng_p50, r->ng_p99, r->calls_s, r->gen_us,
         r->gen_pct, r->lag_ms, (long long)r->errors, r->lag_ms > 20 ? " [GENERATOR-LIMITED]" : "");
  printf("%s{\"label\":\"%s\",\"calls\":%d,\"warmupS\":%.4f,\"durationS\":%.4f,\"sentInWindow\":%lld,"
         "\"receivedInWindow\":%lld,\"lossPct\":%.4f,\"duplicates\":%lld,\"latP50Ms\":%.4f,\"latP99Ms\":%.4f,"
         "\"latP999Ms\":%.4f,\"latMaxMs\":%.4f,\"relayCpuUsPerPacket\":%.4f,\"relayCpuPct\":%.4f,"
         "\"relaySysUsPerPacket\":%.4f,\"forwardedPps\":%.4f,\"relayRssMb\":%.4f,\"genCpuUsPerPacket\":%.4f,"
         "\"genCpuPct\":%.4f,\"maxSendLagMs\":%.4f,\"ngP50Ms\":%.4f,\"ngP99Ms\":%.4f,\"callsPerSecond\":%.4f,"
         "\"errors\":%lld,\"media\":\"rtp\",\"srtpFailures\":0}\n",
         prefix, opt.label, r->calls, opt.warmup, opt.duration, (long long)r->sent_in_window,
         (long long)r->received_in_window, r->loss_pct, (long long)r->duplicates, r->p50, r->p99, r->p999, r->max_ms,
         r->relay_us, r->relay_pct, r->relay_sys_us, r->fwd_pps, r->rss_mb, r->gen_us, r->gen_pct, r->lag_ms,
         r->ng_p50, r->ng_p99, r->calls_s, (long long)r->errors);
  fflush(stdout);
}

static int try1(int calls, int *steps) {
  struct result r = run(calls);
  (*steps)++;
  print(&r, "STEP ");
  sleep(1); /* let the relay finish deleting before the next load */
  return sustainable(&r);
}

/* Ramp.search: double from calls until a load fails, then bisect down to ramp_step or 10 %. */
static void ramp(void) {
  int max = opt.ramp_max, step = opt.ramp_step, lo = 0, hi = max + 1, steps = 0;
  for (int n = opt.calls < max ? opt.calls : max;; n = 2 * n < max ? 2 * n : max) {
    if (try1(n, &steps)) {
      lo = n;
      if (n == max) break;
    } else {
      hi = n;
      break;
    }
  }
  while (hi <= max && hi - lo > (step > lo / 10 ? step : lo / 10)) {
    int mid = (lo + hi) / 2 / step * step;
    if (mid < 1) mid = 1;
    if (mid <= lo || mid >= hi) break;
    if (try1(mid, &steps)) lo = mid;
    else hi = mid;
  }
  printf("%s ramp: largest load with 0 loss and p99 < %.0f ms: %d calls (max tried %d)\n", opt.label, P99_LIMIT_MS, lo,
         max);
  printf("RAMP {\"label\":\"%s\",\"maxCalls\":%d,\"limit\":%d,\"steps\":%d}\n", opt.label, lo, max, steps);
}

static void usage(int code) {
  fprintf(code ? stderr : stdout,
          "usage: cgen --ng HOST:PORT [--pid PID] [--label NAME] [--calls N] [--warmup S] [--duration S]\n"
          "            [--drain-ms MS] [--phone-ports RANGES] [--phone-sockets N] [--ng-window N] [--wait S]\n"
          "            [--busy] [--ramp [--ramp-max N] [--ramp-step N]] | --direct --calls N\n"
          "The options and output of rtpmesh-bench.jar's load runs, plain RTP only.\n");
  exit(code);
}

int main(int argc, char **argv) {
  tick_ns = 1000000000LL / sysconf(_SC_CLK_TCK);
  opt.label = NULL;
  opt.calls = 250;
  opt.phone_sockets = 32;
  opt.ng_window = 16;
  opt.warmup = opt.duration = -1;
  opt.drain_ms = 500;
  opt.ramp_step = 50;
  opt.ramp_max = -1;
  opt.phone_ports = "23000-29999,42000-49999";
  const char *ng = NULL;
  double wait_s = 30;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0) usage(0);
    if (strcmp(a, "--direct") == 0) {
      opt.direct = 1;
      continue;
    }
    if (strcmp(a, "--busy") == 0) {
      opt.busy = 1;
      continue;
    }
    if (strcmp(a, "--ramp") == 0) {
      opt.ramp = 1;
      continue;
    }
    if (strncmp(a, "--", 2) != 0 || i + 1 >= argc) usage(2);
    const char *v = argv[++i];
    if (strcmp(a, "--ng") == 0) ng = v;
    else if (strcmp(a, "--pid") == 0) opt.pid = atol(v);
    else if (strcmp(a, "--label") == 0) opt.label = v;
    else if (strcmp(a, "--calls") == 0) opt.calls = atoi(v);
    else if (strcmp(a, "--warmup") == 0) opt.warmup = atof(v);
    else if (strcmp(a, "--duration") == 0) opt.duration = atof(v);
    else if (strcmp(a, "--drain-ms") == 0) opt.drain_ms = atol(v);
    else if (strcmp(a, "--phone-ports") == 0) opt.phone_ports = v;
    else if (strcmp(a, "--phone-sockets") == 0) opt.phone_sockets = atoi(v);
    else if (strcmp(a, "--ng-window") == 0) opt.ng_window = atoi(v);
    else if (strcmp(a, "--wait") == 0) wait_s = atof(v);
    else if (strcmp(a, "--ramp-max") == 0) opt.ramp_max = atoi(v);
    else if (strcmp(a, "--ramp-step") == 0) opt.ramp_step = atoi(v);
    else usage(2);
  }
  if (opt.warmup < 0) opt.warmup = opt.ramp ? 3 : 5;
  if (opt.duration < 0) opt.duration = opt.ramp ? 10 : 20;
  if (!opt.label) opt.label = opt.direct ? "direct" : "relay";
  if (opt.calls < 1 || opt.phone_sockets < 2 || opt.ng_window < 1 || opt.ramp_step < 1 || opt.duration <= 0) usage(2);
  if (opt.direct && opt.ramp) usage(2);
  if (!opt.direct) {
    char host[64];
    int port;
    if (!ng || sscanf(ng, "%63[^:]:%d", host, &port) != 2) usage(2);
    opt.ng.sin_family = AF_INET;
    opt.ng.sin_port = htons(port);
    if (inet_pton(AF_INET, host, &opt.ng.sin_addr) != 1 || (ntohl(opt.ng.sin_addr.s_addr) >> 24) != 127) {
      fprintf(stderr, "cgen: --ng must be an IPv4 address on 127.0.0.0/8 (loopback only)\n");
      return 2;
    }
    ng_open();
    if (!ng_ping(wait_s)) {
      fprintf(stderr, "cgen: no ng pong from %s\n", ng);
      return 1;
    }
  }
  if (opt.ramp) {
    if (opt.ramp_max < 0) opt.ramp_max = 4000;
    ramp();
  } else {
    struct result r = run(opt.calls);
    print(&r, "RESULT ");
  }
  return 0;
}
