package org.flinkop.domain.binding;

import io.vavr.control.Option;
import java.util.Collection;
import java.util.Locale;

/** Finds the known name a misspelled one was most likely meant to be. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The known name closest to {@code unknown} by edit distance (case-insensitive, a transposition counts as
     * one edit), if it is close enough to be a plausible typo: at most a third of the name's length, and at least 2.
     */
    static Option<String> nearest(String unknown, Collection<String> known) {
        String target = unknown.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, target.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(target, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= limit ? Option.of(best) : Option.none();
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }
}
