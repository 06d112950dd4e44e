/*
 * syscost: what one syscall costs on this machine, whatever it does. A relay makes two per packet
 * (a recv and a send), so this is the part of its CPU per packet that no userspace code can take
 * away, only fewer syscalls can (bench/README.md, "What did not help").
 *
 *   cc -O2 -o syscost syscost.c && taskset -c 0 ./syscost
 *
 * Prints ns per call of getppid (nothing to do), a recv on an empty nonblocking UDP socket, and a
 * recvmmsg of 8 on it.
 */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define CALLS 2000000

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(void) {
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  if (s < 0 || bind(s, (struct sockaddr *) &a, sizeof a) < 0) {
    perror("socket");
    return 1;
  }
  static char bufs[8][2048];
  struct iovec iov[8];
  struct mmsghdr msgs[8] = {0};
  for (int i = 0; i < 8; i++) {
    iov[i] = (struct iovec) {bufs[i], sizeof bufs[i]};
    msgs[i].msg_hdr.msg_iov = &iov[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
  }

  double t = now_ns();
  for (int i = 0; i < CALLS; i++) syscall(SYS_getppid);
  printf("getppid:        %4.0f ns\n", (now_ns() - t) / CALLS);
  t = now_ns();
  for (int i = 0; i < CALLS; i++) recv(s, bufs[0], sizeof bufs[0], 0);
  printf("empty recv:     %4.0f ns\n", (now_ns() - t) / CALLS);
  t = now_ns();
  for (int i = 0; i < CALLS; i++) recvmmsg(s, msgs, 8, 0, NULL);
  printf("empty recvmmsg: %4.0f ns\n", (now_ns() - t) / CALLS);
  return 0;
}
