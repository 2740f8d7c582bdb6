package org.flinkop.domain.binding;

/** Field paths as users read them: {@code spec.job.args[0]}, {@code spec.flinkConfiguration[state.checkpoints.dir]}. */
final class Paths {

    private Paths() {
    }

    static String field(String parent, String name) {
        if (parent.isEmpty()) {
            return name;
        }
        return isPlainName(name) ? parent + "." + name : parent + "[" + name + "]";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    private static boolean isPlainName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
