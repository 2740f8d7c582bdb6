package org.flinkop.runtime.embedded.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import org.flinkop.runtime.embedded.api.EmbeddedOperator;

/**
 * Where a command line's operator keeps its resources, clusters and state: {@code --dir}, else
 * {@code $FLINKOP_HOME}, else {@code ~/.flinkop}. A command opens the operator there; local clusters keep running
 * when the command ends and are found again by the next one.
 */
final class Workspace {

    private Workspace() {
    }

    static Path directory(Optional<String> option) {
        if (option.isPresent()) {
            return Path.of(option.get());
        }
        String home = System.getenv("FLINKOP_HOME");
        return home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".flinkop");
    }

    /**
     * The operator of {@code directory}: the one {@code flinkctl run} runs there when it is running (said on
     * {@code err}), else one this command opens itself. A store another process holds, or one that cannot be opened,
     * is a clear message.
     */
    static OperatorAccess open(Path directory, PrintStream err) throws CommandException {
        var run = RunFile.find(directory);
        if (run.isDefined()) {
            err.println("flinkctl: through the operator of flinkctl run (process " + run.get().pid() + ") on " + directory);
            return new RemoteAccess(directory, run.get());
        }
        return new LocalAccess(openHere(directory), true);
    }

    /** An operator of this process on {@code directory}, as {@code flinkctl run} opens it; refused while another process holds it. */
    static EmbeddedOperator openHere(Path directory) throws CommandException {
        try {
            return EmbeddedOperator.builder().workDirectory(directory).keepClustersOnClose(true).start();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /** A command that cannot go on: the message is for the user, the command exits with 2. */
    static final class CommandException extends Exception {
        CommandException(String message) {
            super(message);
        }
    }
}
