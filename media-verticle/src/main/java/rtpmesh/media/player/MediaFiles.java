package rtpmesh.media.player;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import rtpmesh.media.codec.Resampler;

/**
 * Media files decoded once and kept for the process: a file is read, decoded and resampled to the
 * rate a player needs on a blocking {@link Executor} (never on a media loop), and kept by path,
 * modification time, size and rate, so a file that changes on disk is read again. Thread-safe; one
 * cache per process, shared by all media blocks.
 */
public final class MediaFiles {
  /** Entries kept at most; beyond that the oldest lookups are forgotten (a cache, not an archive). */
  static final int MAX_ENTRIES = 64;
  /** Files larger than this are refused rather than held in memory. */
  static final long MAX_FILE_BYTES = 64L << 20;

  private static final MediaFiles NODE = new MediaFiles();

  private record Key(String path, long mtime, long size, int rate) {}

  private final ConcurrentHashMap<Key, CompletableFuture<PcmClip>> cache = new ConcurrentHashMap<>();

  /** The process-wide cache. */
  public static MediaFiles node() {
    return NODE;
  }

  /** The file at {@code path} as PCM at {@code rate}; fails with a {@link WavException} saying why. */
  public CompletableFuture<PcmClip> file(String path, int rate, Executor blocking) {
    return CompletableFuture.supplyAsync(() -> key(path, rate), blocking)
        .thenCompose(key -> cache.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> read(k), blocking)))
        .whenComplete((clip, err) -> {
          if (err != null) cache.values().removeIf(CompletableFuture::isCompletedExceptionally);
          trim();
        });
  }

  /** WAV bytes given inline (ng {@code blob}), decoded on {@code blocking}; not cached. */
  public CompletableFuture<PcmClip> blob(byte[] wav, int rate, Executor blocking) {
    return CompletableFuture.supplyAsync(() -> resample(WavFile.decode(wav), rate), blocking);
  }

  private static Key key(String path, int rate) {
    try {
      BasicFileAttributes a = Files.readAttributes(Path.of(path), BasicFileAttributes.class);
      if (!a.isRegularFile()) throw new WavException("Media file '" + path + "' is not a regular file");
      if (a.size() > MAX_FILE_BYTES) throw new WavException("Media file '" + path + "' too large: " + a.size() + " bytes");
      return new Key(path, a.lastModifiedTime().toMillis(), a.size(), rate);
    } catch (NoSuchFileException e) {
      throw new WavException("Media file '" + path + "' not found");
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new WavException("Cannot read media file '" + path + "': " + e.getMessage());
    }
  }

  private static PcmClip read(Key k) {
    try {
      return resample(WavFile.decode(Files.readAllBytes(Path.of(k.path()))), k.rate());
    } catch (IOException e) {
      throw new CompletionException(new WavException("Cannot read media file '" + k.path() + "': " + e.getMessage()));
    } catch (WavException e) {
      throw new WavException("Media file '" + k.path() + "': " + e.getMessage());
    }
  }

  /** The clip at {@code rate}: once per file and rate, so the media loop only copies samples. */
  static PcmClip resample(PcmClip clip, int rate) {
    if (clip.rate() == rate) return clip;
    Resampler r = new Resampler(clip.rate(), rate);
    short[] in = clip.samples();
    short[] out = new short[r.outputFor(in.length)];
    int n = r.process(in, 0, in.length, out);
    return new PcmClip(n == out.length ? out : java.util.Arrays.copyOf(out, n), rate);
  }

  private void trim() {
    Iterator<Key> it = cache.keySet().iterator();
    while (cache.size() > MAX_ENTRIES && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** The cause a future failed with, unwrapped. */
  public static Throwable cause(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
    return t;
  }
}
