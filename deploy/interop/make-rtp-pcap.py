#!/usr/bin/env python3
"""Writes a pcap of PCMA RTP (20 ms packets) for SIPp's play_pcap_audio: make-rtp-pcap.py FILE SECONDS.

SIPp replays the UDP payloads with the capture's timing, from the call's media port to the media
address in the peer's SDP; the addresses in the capture do not matter.
"""
import struct
import sys

path, seconds = sys.argv[1], float(sys.argv[2])
count = max(1, int(seconds * 50))
ssrc = 0x1234ABCD
with open(path, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))  # pcap, Ethernet
    for i in range(count):
        rtp = struct.pack("!BBHII", 0x80, 8, i & 0xFFFF, (i * 160) & 0xFFFFFFFF, ssrc) + b"\xd5" * 160
        udp = struct.pack("!HHHH", 40000, 40002, 8 + len(rtp), 0) + rtp
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i & 0xFFFF, 0, 64, 17, 0,
                         bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1])) + udp
        frame = b"\x00" * 12 + b"\x08\x00" + ip
        usec = i * 20000
        f.write(struct.pack("<IIII", usec // 1000000, usec % 1000000, len(frame), len(frame)))
        f.write(frame)
