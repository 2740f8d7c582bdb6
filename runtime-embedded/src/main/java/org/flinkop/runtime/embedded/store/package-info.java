/**
 * The durable local resource store of the embedded runtime, {@link org.flinkop.runtime.embedded.store.FileResourceStore}.
 *
 * <p>What it promises, and how:
 * <ul>
 *   <li><b>A change is on disk when the call returns, whole or not at all.</b> Each resource is one file, replaced
 *       by writing a temporary file beside it, forcing it to disk, renaming it over the old one atomically and
 *       forcing the folder. A crash at any point leaves the old file or the new one; a temporary file left over is
 *       removed on the next start. The files are JSON, which a cut-off file never parses as.</li>
 *   <li><b>resourceVersions only grow, also across restarts,</b> without a write of their own per change: the
 *       largest version is in the resource files, or, once its resource is removed, in the version file.</li>
 *   <li><b>One file that cannot be read costs one resource, not the store.</b> Opening judges each file on its own,
 *       loads the rest, and reports every file it did not take as it was
 *       ({@link org.flinkop.runtime.embedded.store.RecoveryReport}).</li>
 *   <li><b>One process per folder,</b> by an operating-system lock that dies with its process.</li>
 * </ul>
 * A crash of the machine is survived as far as the file system keeps what was forced to disk; a killed process
 * always is. {@code FileResourceStoreCrashIT} kills a writing process at random moments and checks each resource
 * holds a status the process wrote whole.
 */
package org.flinkop.runtime.embedded.store;
