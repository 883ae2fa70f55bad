package qunzhu.features.lottery;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The verifiable draw, a pure function anyone can redo by hand (scripts/lottery-verify.py):
 * <ol>
 * <li>At start: {@code seed} = 32 bytes from {@link SecureRandom}; the bot posts the
 *     commitment {@code SHA-256(seed)} (lowercase hex) and keeps the seed secret.</li>
 * <li>At the draw the entries close; the list is the entrants' platform member ids, sorted by
 *     their UTF-8 bytes (unsigned; the same as Python's {@code sorted()} on str, which compares
 *     code points). Its fingerprint is {@code SHA-256(ids joined by "\n")}.</li>
 * <li>For {@code i = 0, 1, ...} while winners are wanted and entries remain:
 *     {@code r = SHA-256(seed || ":" || decimal(i))} read as an unsigned big-endian integer;
 *     the winner is {@code remaining[r mod len(remaining)]}, which is removed (drawn without
 *     replacement, Fisher–Yates style).</li>
 * </ol>
 * Modulo bias: {@code 2^256 mod n} values of r favour the low indexes by one extra chance in
 * about {@code 2^256 / n}, which for any real group is below 10^-70; we keep the plain modulo so
 * the check stays ten lines.
 */
final class Draw {
    private static final HexFormat HEX = HexFormat.of();

    private Draw() {}

    /** A fresh secret seed, as 64 lowercase hex digits. */
    static String newSeed(SecureRandom random) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return HEX.formatHex(seed);
    }

    /** SHA-256 of the seed's 32 bytes, lowercase hex: what the bot posts at the start. */
    static String commitment(String seedHex) { return HEX.formatHex(sha256(HEX.parseHex(seedHex))); }

    /** The entry ids, each once, sorted by their UTF-8 bytes. */
    static List<String> sorted(Collection<String> ids) {
        List<String> out = new ArrayList<>(new LinkedHashSet<>(ids));
        out.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    /** SHA-256 of the sorted ids joined by "\n" (UTF-8), lowercase hex. */
    static String entriesHash(List<String> sortedIds) {
        return HEX.formatHex(sha256(String.join("\n", sortedIds).getBytes(StandardCharsets.UTF_8)));
    }

    /** The winners, in the order drawn, from the seed and the entries (sorted here again). */
    static List<String> winners(String seedHex, Collection<String> entries, int count) {
        byte[] seed = HEX.parseHex(seedHex);
        List<String> remaining = sorted(entries);
        List<String> won = new ArrayList<>();
        for (int i = 0; i < count && !remaining.isEmpty(); i++) {
            byte[] suffix = (":" + i).getBytes(StandardCharsets.US_ASCII);
            byte[] input = Arrays.copyOf(seed, seed.length + suffix.length);
            System.arraycopy(suffix, 0, input, seed.length, suffix.length);
            BigInteger r = new BigInteger(1, sha256(input));
            int index = r.mod(BigInteger.valueOf(remaining.size())).intValueExact();
            won.add(remaining.remove(index));
        }
        return won;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
