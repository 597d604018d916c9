package org.drcorl.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A mistyped command line in one line, like every other error, with the nearest valid word
 * ("did you mean run?") instead of forty lines of usage that scroll the mistake away; the usage
 * stays one {@code --help} away.
 */
final class UsageErrorReporter implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String command = cl.getCommandSpec().qualifiedName();
        err.println("drcorl: error: " + message(ex, command) + " (" + command + " --help lists "
                + (cl.getSubcommands().isEmpty() ? "the options" : "the commands and options") + ")");
        err.flush();
        return 2;
    }

    static String message(ParameterException ex, String command) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String word = unmatched.getUnmatched().getFirst();
            CommandLine cl = unmatched.getCommandLine();
            boolean option = word.startsWith("-");
            String typed = option && word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            List<String> suggestions = nearest(typed, option ? cl.getCommandSpec().optionsMap().keySet()
                    : cl.getSubcommands().keySet());
            String what = option ? "unknown option '" + typed + "' of " + command
                    : cl.getSubcommands().isEmpty()
                    ? "unexpected argument '" + word + "' to " + command : "unknown command '" + word + "'";
            if (suggestions.isEmpty()) return what;
            return what + "; did you mean " + String.join(" or ", suggestions.stream().limit(3)
                    .map(s -> "'" + s + "'").toList()) + "?";
        }
        return ex.getMessage();
    }

    /**
     * The known words within a small edit distance of {@code typed} (transpositions count as one
     * edit: "rnu" is one from "run"), nearest first.
     */
    static List<String> nearest(String typed, java.util.Collection<String> known) {
        int allowed = Math.max(1, Math.min(3, typed.replaceFirst("^-+", "").length() / 3));
        return known.stream().filter(k -> !k.equals(typed))
                .map(k -> java.util.Map.entry(k, distance(typed, k)))
                .filter(e -> e.getValue() <= allowed)
                .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().thenComparing(java.util.Map.Entry.comparingByKey()))
                .map(java.util.Map.Entry::getKey).toList();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
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
