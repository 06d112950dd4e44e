package rtpmesh.media.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Test helper: puts bytes after junk so a view that ignores its offset fails. */
final class StunTestBuffers {
  private StunTestBuffers() {}

  /** {@code hex} after {@code offset} junk bytes, reader index at the message, and junk after it. */
  static ByteBuf at(int offset, String hex) {
    return at(offset, ByteBufUtil.decodeHexDump(hex.replace(" ", "")));
  }

  static ByteBuf at(int offset, byte[] bytes) {
    ByteBuf buf = Unpooled.buffer(offset + bytes.length + 3);
    for (int i = 0; i < offset; i++) {
      buf.writeByte(0x5a);
    }
    buf.writeBytes(bytes);
    buf.readerIndex(offset);
    return buf;
  }
}
