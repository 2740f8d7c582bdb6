package org.flinkop.testkit.kubelet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a command line the way {@code bash -c} splits it into words, for the commands Flink writes into the pods it
 * creates (a TaskManager's {@code kubernetes-taskmanager.sh} with its {@code -D} properties, values single-quoted
 * where the shell would read them otherwise): blanks separate words, single quotes keep everything up to the next
 * single quote, double quotes keep everything but a backslash before {@code "}, {@code \}, {@code $} or a backquote,
 * and a backslash outside quotes keeps the next character. Expansions ({@code $VAR}, globs) are not performed.
 */
final class ShellWords {

    private ShellWords() {
    }

    /** The words of {@code line}; empty when a quote is not closed. */
    static Optional<List<String>> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    return Optional.empty();
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                int j = i + 1;
                while (j < line.length() && line.charAt(j) != '"') {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length() && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) {
                        word.append(line.charAt(j + 1));
                        j += 2;
                    } else {
                        word.append(d);
                        j++;
                    }
                }
                if (j >= line.length()) {
                    return Optional.empty();
                }
                inWord = true;
                i = j + 1;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return Optional.of(words);
    }
}
