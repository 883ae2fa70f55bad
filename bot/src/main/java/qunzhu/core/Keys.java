package qunzhu.core;

import java.util.Objects;

/**
 * Hashes for the records used as keys of the hot maps (a chat, a seat, an event's key).
 *
 * <p>Two reasons not to leave a record's own {@code hashCode} and {@code equals}: a record's
 * 31-polynomial over ids that are themselves 31-polynomials (chat "g12", member "m345",
 * sequential message ids) collides often (200,000 Telegram-like event keys gave fewer than
 * 10,000 distinct hashes); and the generated methods run as a chain of method handles that the
 * JIT does not inline at a map's call site (in a profile of the ingest benchmark the seat and
 * member keys' {@code equals} alone were a ninth of the pipeline thread's Java samples).
 */
public final class Keys {
    private static final int GOLDEN = 0x9E3779B1;

    private Keys() {}

    /** A hash of two parts that mixes them (null hashes as 0). */
    public static int hash(Object a, Object b) { return finish(mix(Objects.hashCode(a), b)); }

    /** A hash of three parts that mixes them (null hashes as 0). */
    public static int hash(Object a, Object b, Object c) { return finish(mix(mix(Objects.hashCode(a), b), c)); }

    /** {@code h}, the hash of the parts so far, with one more part mixed in (for keys of any length; {@link #finish} it). */
    public static int mix(int h, Object part) { return (h * GOLDEN) ^ Objects.hashCode(part); }

    /** The final scramble of a hash built with {@link #mix}. */
    public static int finish(int h) {
        h *= GOLDEN;
        return h ^ (h >>> 16);
    }
}
