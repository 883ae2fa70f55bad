package qunzhu.features.calendar;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A content pool: the posts of one file under config/pools/, rotated without repeats until
 * every post was used once (a cycle), then again. {@code order} {@link Order#SHUFFLED} walks
 * each cycle in an order fixed by the entry, the pool and the cycle number (the same after a
 * restart, different each cycle); {@link Order#SEQUENTIAL} walks the file's order. Which posts a
 * cycle used is stored by post key (a hash of its text), so posts added or removed between
 * runs neither repeat nor block the rotation.
 */
record Pool(Path file, List<Post> posts, Order order) {
    enum Order { SHUFFLED, SEQUENTIAL }

    /** One post: its text, and an image file (or null). */
    record Post(String text, Path image) {
        /** Stable identity of the post within its pool: the first 16 hex digits of SHA-256 of its text. */
        String key() {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(d, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    Pool {
        posts = List.copyOf(posts);
    }

    /** The pool's name in the store: its file name. */
    String name() { return file.getFileName().toString(); }

    /** The cycle's order of posts. */
    List<Post> walk(String entry, long cycle) {
        List<Post> out = new ArrayList<>(posts);
        if (order == Order.SHUFFLED) Collections.shuffle(out, new Random(seed(entry + "|" + name() + "|" + cycle)));
        return out;
    }

    /** The next post of the rotation and the cycle it belongs to, given what the current cycle used. */
    Pick next(String entry, long cycle, Set<String> used) {
        for (Post p : walk(entry, cycle)) if (!used.contains(p.key())) return new Pick(p, cycle);
        List<Post> fresh = walk(entry, cycle + 1);
        return new Pick(fresh.get(0), cycle + 1);
    }

    record Pick(Post post, long cycle) {}

    private static long seed(String s) {
        long h = 1125899906842597L;
        for (int i = 0; i < s.length(); i++) h = 31 * h + s.charAt(i);
        return h;
    }
}
