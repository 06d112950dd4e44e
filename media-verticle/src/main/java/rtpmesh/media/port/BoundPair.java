package rtpmesh.media.port;

import io.netty.channel.socket.DatagramChannel;

/** One reserved and bound RTP/RTCP socket pair; channels are registered but not reading yet. */
public record BoundPair(int pair, int rtpPort, DatagramChannel rtp, DatagramChannel rtcp) {}
