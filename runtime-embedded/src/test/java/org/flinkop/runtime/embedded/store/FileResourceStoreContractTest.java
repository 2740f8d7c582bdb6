package org.flinkop.runtime.embedded.store;

import java.time.Clock;
import java.time.ZoneOffset;
import org.flinkop.ports.store.ResourceStore;
import org.flinkop.testkit.contract.AbstractResourceStoreContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/** The store contract every resource store meets, on the file store in a folder of its own per test. */
class FileResourceStoreContractTest extends AbstractResourceStoreContractTest {

    private FileResourceStore store;

    @BeforeEach
    void open(TestInfo test) {
        String folder = "contract-" + test.getTestMethod().orElseThrow().getName();
        store = FileResourceStore.open(StoreFixtures.freshFolder(folder), Clock.fixed(StoreFixtures.T0, ZoneOffset.UTC)).get();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    protected ResourceStore store() {
        return store;
    }
}
