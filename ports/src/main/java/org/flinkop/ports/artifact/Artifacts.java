package org.flinkop.ports.artifact;

import io.vavr.control.Either;
import java.net.URI;
import org.flinkop.ports.PortFailure;

/**
 * Fetches a session job's jar by its {@code jarURI}. Blocking (a download); safe from any thread. The same
 * content fetched twice is the same {@link Artifact} (same hash), so it is uploaded to a cluster once. Refusals
 * ({@code FORBIDDEN}) name the rule: scheme not allowed, address not allowed, size over the limit.
 */
public interface Artifacts {

    Either<PortFailure, Artifact> fetch(URI jarUri);
}
