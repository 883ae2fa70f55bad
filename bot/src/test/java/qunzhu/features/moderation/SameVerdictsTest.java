package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The filter engine decides about {@value VerdictCorpus#MESSAGES} generated messages (hostile
 * Unicode, lists, waves, floods, keyword, regex and ad hits; see {@link VerdictCorpus}) exactly
 * as it did before its fast paths (the file was written by {@code VerdictCorpus.main} at commit
 * 7267573, as a hash per block of messages): same verdict, incident and normalised text for every message.
 * Written again on 2026-12-04 when a flood became the span of the member's last messages (a
 * message older than the others had counted as a flood): 1,068 of the 12,000 verdicts changed,
 * each from a flood to what the message got without one, and nothing else.
 */
class SameVerdictsTest {
    @Test void everyGeneratedMessageGetsTheVerdictItGotBeforeTheFastPaths() throws IOException {
        List<String> expected;
        try (InputStream in = SameVerdictsTest.class.getResourceAsStream(VerdictCorpus.RESOURCE)) {
            assertNotNull(in, VerdictCorpus.RESOURCE);
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> got = VerdictCorpus.lines();
        List<String> blocks = VerdictCorpus.blocks(got);
        assertEquals(expected.size(), blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            assertEquals(expected.get(i), blocks.get(i), "messages from " + i * VerdictCorpus.BLOCK
                    + " (VerdictCorpus.main with a second argument writes the lines, to diff with those of another commit)");
        }
        long acted = got.stream().filter(l -> !l.split("\t")[1].equals("-")).count();
        assertTrue(acted > 2_000 && acted < got.size() - 2_000, "the corpus has both verdicts and passes: " + acted);
        for (String rule : List.of("\tkw", "\tre", "\tads/", "\tlinks/", "\tflood/", "\tspam_wave/", "\tchat-kw/", "\tlock_links/", "\teither/", "\tboth/")) {
            assertTrue(got.stream().anyMatch(l -> l.contains(rule)), "some message hits " + rule);
        }
    }
}
