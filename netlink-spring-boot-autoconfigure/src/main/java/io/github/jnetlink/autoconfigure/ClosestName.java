package io.github.jnetlink.autoconfigure;

import java.util.Collection;
import java.util.Locale;

/**
 * The "did you mean" of a startup failure: the candidate closest to a misspelt name, by edit distance with
 * transpositions (so {@code recieve} is one edit from {@code receive}), ignoring case, dashes and
 * underscores as relaxed binding does.
 */
final class ClosestName {

    private ClosestName() {
    }

    /**
     * @return the closest candidate, or null when none is near enough to be a likely typo
     */
    static String to(String name, Collection<String> candidates) {
        String key = normalize(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = normalize(candidate);
            int d = distance(key, c);
            if (d < bestDistance && d <= Math.max(2, c.length() / 4)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** @return {@code " Did you mean 'x'?"}, or empty when nothing is close */
    static String suggestion(String name, Collection<String> candidates) {
        String closest = to(name, candidates);
        return closest == null ? "" : " Did you mean '" + closest + "'?";
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
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
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
